import Foundation

/// The astronomy behind the Vietnamese lunar calendar (DESIGN §2.6): instants of new moons
/// and the Sun's apparent longitude, from the standard series in Jean Meeus,
/// *Astronomical Algorithms* (2nd ed., 1998).
///
/// Instants are Julian Days, as `Double`: `jde` arguments and results are Julian Ephemeris
/// Days (Terrestrial Time), `jd` ones are Universal Time. Conversion between the two uses
/// the Espenak–Meeus polynomials for ΔT = TT − UT.
///
/// Accuracy over 1900–2100: new moons within about half a minute of a modern ephemeris
/// (Meeus's series is good to a few seconds; ΔT's uncertainty and the ΔT model's drift
/// dominate), the Sun's longitude within about 2″ (well under a minute of time). Outside that
/// range the results stay sensible but ΔT, hence the instants, become increasingly uncertain.
///
/// Pure functions: no time zones, no clock, no I/O.
enum Astronomy {
    /// Mean synodic month, days (Meeus eq. 49.1).
    static let synodicMonth = 29.530588861

    /// JDE of the mean new moon of lunation 0 (6 January 2000), Meeus eq. 49.1.
    static let lunation0 = 2451550.09766

    // MARK: - Time scales

    /// ΔT = TT − UT in seconds, at the given decimal year, by the polynomial expressions of
    /// F. Espenak and J. Meeus (NASA *Five Millennium Canon of Solar Eclipses*, 2006).
    static func deltaT(decimalYear y: Double) -> Double {
        func poly(_ t: Double, _ c: [Double]) -> Double {
            c.reversed().reduce(0) { $0 * t + $1 }
        }
        switch y {
        case ..<(-500):
            let u = (y - 1820) / 100
            return -20 + 32 * u * u
        case ..<500:
            return poly(y / 100, [10583.6, -1014.41, 33.78311, -5.952053, -0.1798452, 0.022174192, 0.0090316521])
        case ..<1600:
            return poly((y - 1000) / 100, [1574.2, -556.01, 71.23472, 0.319781, -0.8503463, -0.005050998, 0.0083572073])
        case ..<1700:
            return poly(y - 1600, [120, -0.9808, -0.01532, 1.0 / 7129])
        case ..<1800:
            return poly(y - 1700, [8.83, 0.1603, -0.0059285, 0.00013336, -1.0 / 1_174_000])
        case ..<1860:
            return poly(y - 1800, [13.72, -0.332447, 0.0068612, 0.0041116, -0.00037436,
                                   0.0000121272, -0.0000001699, 0.000000000875])
        case ..<1900:
            return poly(y - 1860, [7.62, 0.5737, -0.251754, 0.01680668, -0.0004473624, 1.0 / 233_174])
        case ..<1920:
            return poly(y - 1900, [-2.79, 1.494119, -0.0598939, 0.0061966, -0.000197])
        case ..<1941:
            return poly(y - 1920, [21.20, 0.84493, -0.076100, 0.0020936])
        case ..<1961:
            return poly(y - 1950, [29.07, 0.407, -1.0 / 233, 1.0 / 2547])
        case ..<1986:
            return poly(y - 1975, [45.45, 1.067, -1.0 / 260, -1.0 / 718])
        case ..<2005:
            return poly(y - 2000, [63.86, 0.3345, -0.060374, 0.0017275, 0.000651814, 0.00002373599])
        case ..<2050:
            return poly(y - 2000, [62.92, 0.32217, 0.005589])
        case ..<2150:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u - 0.5628 * (2150 - y)
        default:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u
        }
    }

    /// The decimal year of a Julian Day (Julian years from J2000.0; ample for ΔT).
    static func decimalYear(julianDay jd: Double) -> Double {
        2000 + (jd - 2451545.0) / 365.25
    }

    /// Universal Time of the instant with the given JDE.
    static func universalTime(jde: Double) -> Double {
        // ΔT changes by well under a second per day: evaluating it at the JDE is exact enough.
        jde - deltaT(decimalYear: decimalYear(julianDay: jde)) / 86400
    }

    /// JDE of the instant with the given Universal Time.
    static func ephemerisTime(jd: Double) -> Double {
        jd + deltaT(decimalYear: decimalYear(julianDay: jd)) / 86400
    }

    // MARK: - New moons (Meeus ch. 49)

    /// JDE of the true new moon of lunation `k` (k = 0: 6 January 2000; k = 1: the next),
    /// with all the periodic terms of Meeus ch. 49 for the new moon and the fourteen
    /// additional planetary corrections.
    static func newMoonJDE(lunation k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t, t3 = t2 * t, t4 = t3 * t

        var jde = lunation0 + synodicMonth * k
            + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4

        // Eccentricity of Earth's orbit (47.6), and the fundamental arguments, degrees.
        let e = 1 - 0.002516 * t - 0.0000074 * t2
        let m = radians(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3)
        let mm = radians(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4)
        let f = radians(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4)
        let omega = radians(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3)

        // Periodic terms for the new moon.
        jde += -0.40720 * sin(mm)
            + 0.17241 * e * sin(m)
            + 0.01608 * sin(2 * mm)
            + 0.01039 * sin(2 * f)
            + 0.00739 * e * sin(mm - m)
            - 0.00514 * e * sin(mm + m)
            + 0.00208 * e * e * sin(2 * m)
            - 0.00111 * sin(mm - 2 * f)
            - 0.00057 * sin(mm + 2 * f)
            + 0.00056 * e * sin(2 * mm + m)
            - 0.00042 * sin(3 * mm)
            + 0.00042 * e * sin(m + 2 * f)
            + 0.00038 * e * sin(m - 2 * f)
            - 0.00024 * e * sin(2 * mm - m)
            - 0.00017 * sin(omega)
            - 0.00007 * sin(mm + 2 * m)
            + 0.00004 * sin(2 * mm - 2 * f)
            + 0.00004 * sin(3 * m)
            + 0.00003 * sin(mm + m - 2 * f)
            + 0.00003 * sin(2 * mm + 2 * f)
            - 0.00003 * sin(mm + m + 2 * f)
            + 0.00003 * sin(mm - m + 2 * f)
            - 0.00002 * sin(mm - m - 2 * f)
            - 0.00002 * sin(3 * mm + m)
            + 0.00002 * sin(4 * mm)

        // Additional corrections: planetary arguments A1…A14, degrees.
        let a1 = 299.77 + 0.107408 * k - 0.009173 * t2
        jde += 0.000325 * sin(radians(a1))
            + 0.000165 * sin(radians(251.88 + 0.016321 * k))
            + 0.000164 * sin(radians(251.83 + 26.651886 * k))
            + 0.000126 * sin(radians(349.42 + 36.412478 * k))
            + 0.000110 * sin(radians(84.66 + 18.206239 * k))
            + 0.000062 * sin(radians(141.74 + 53.303771 * k))
            + 0.000060 * sin(radians(207.14 + 2.453732 * k))
            + 0.000056 * sin(radians(154.84 + 7.306860 * k))
            + 0.000047 * sin(radians(34.52 + 27.261239 * k))
            + 0.000042 * sin(radians(207.19 + 0.121824 * k))
            + 0.000040 * sin(radians(291.34 + 1.844379 * k))
            + 0.000037 * sin(radians(161.72 + 24.198154 * k))
            + 0.000035 * sin(radians(239.56 + 25.513099 * k))
            + 0.000023 * sin(radians(331.55 + 3.592518 * k))
        return jde
    }

    /// Julian Day (UT) of the true new moon of lunation `k`.
    static func newMoon(lunation k: Int) -> Double {
        universalTime(jde: newMoonJDE(lunation: k))
    }

    /// The lunation number whose mean new moon is nearest to the given JD (either scale).
    static func nearestLunation(julianDay jd: Double) -> Int {
        Int(((jd - lunation0) / synodicMonth).rounded())
    }

    // MARK: - The Sun (Meeus ch. 25, higher accuracy; ch. 32 / Appendix III VSOP87)

    /// The Sun's apparent geocentric longitude, degrees in [0, 360), referred to the true
    /// equinox of date, at the given JDE: Earth's heliocentric longitude from the
    /// truncated VSOP87D series of Meeus's Appendix III, reversed to geocentric, converted to
    /// the FK5 system, corrected for nutation in longitude and for aberration.
    static func apparentSolarLongitude(jde: Double) -> Double {
        let tau = (jde - 2451545.0) / 365250 // Julian millennia from J2000.0
        let t = tau * 10 // Julian centuries

        let l = vsop(earthL, tau) // radians
        let r = vsop(earthR, tau) // AU

        // Geometric geocentric longitude (ecliptic and equinox of date, VSOP87 dynamical frame).
        var theta = degrees(l) + 180
        // To FK5 (Meeus 25.9): ΔΘ = −0.09033″.
        theta -= 0.09033 / 3600
        // Nutation in longitude and aberration (Meeus 25.10 with the constant over R).
        theta += nutationInLongitude(centuries: t) - 20.4898 / 3600 / r
        return normalized(theta)
    }

    /// The Sun's apparent longitude, degrees in [0, 360), at the given Julian Day (UT).
    static func apparentSolarLongitude(jd: Double) -> Double {
        apparentSolarLongitude(jde: ephemerisTime(jd: jd))
    }

    /// Nutation in longitude Δψ, degrees, at Julian centuries `t` from J2000.0
    /// (Meeus ch. 22, the abridged series, good to 0.5″).
    static func nutationInLongitude(centuries t: Double) -> Double {
        let omega = radians(125.04452 - 1934.136261 * t + 0.0020708 * t * t + t * t * t / 450_000)
        let sunMean = radians(280.4665 + 36000.7698 * t)
        let moonMean = radians(218.3165 + 481267.8813 * t)
        let arcseconds = -17.20 * sin(omega) - 1.32 * sin(2 * sunMean)
            - 0.23 * sin(2 * moonMean) + 0.21 * sin(2 * omega)
        return arcseconds / 3600
    }

    /// Σₙ τⁿ Σ A cos(B + Cτ) × 10⁻⁸ over a VSOP87 series given as flat (A, B, C) triples.
    private static func vsop(_ series: [[Double]], _ tau: Double) -> Double {
        var total = 0.0
        var power = 1.0
        for terms in series {
            var sum = 0.0
            var i = 0
            while i < terms.count {
                sum += terms[i] * cos(terms[i + 1] + terms[i + 2] * tau)
                i += 3
            }
            total += sum * power
            power *= tau
        }
        return total / 1e8
    }

    // MARK: - Helpers

    static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }

    static func degrees(_ radians: Double) -> Double { radians * 180 / .pi }

    /// An angle in degrees reduced to [0, 360).
    static func normalized(_ degrees: Double) -> Double {
        let r = degrees.truncatingRemainder(dividingBy: 360)
        return r < 0 ? r + 360 : r
    }

    // MARK: - VSOP87D series for the Earth (Meeus, Appendix III), (A, B, C) triples

    /// Heliocentric longitude L: L0…L5.
    private static let earthL: [[Double]] = [
        [
            175347046, 0, 0, 3341656, 4.6692568, 6283.07585, 34894, 4.6261, 12566.1517,
            3497, 2.7441, 5753.3849, 3418, 2.8289, 3.5231, 3136, 3.6277, 77713.7715,
            2676, 4.4181, 7860.4194, 2343, 6.1352, 3930.2097, 1324, 0.7425, 11506.7698,
            1273, 2.0371, 529.691, 1199, 1.1096, 1577.3435, 990, 5.233, 5884.927,
            902, 2.045, 26.298, 857, 3.508, 398.149, 780, 1.179, 5223.694,
            753, 2.533, 5507.553, 505, 4.583, 18849.228, 492, 4.205, 775.523,
            357, 2.92, 0.067, 317, 5.849, 11790.629, 284, 1.899, 796.298,
            271, 0.315, 10977.079, 243, 0.345, 5486.778, 206, 4.806, 2544.314,
            205, 1.869, 5573.143, 202, 2.458, 6069.777, 156, 0.833, 213.299,
            132, 3.411, 2942.463, 126, 1.083, 20.775, 115, 0.645, 0.98,
            103, 0.636, 4694.003, 102, 0.976, 15720.839, 102, 4.267, 7.114,
            99, 6.21, 2146.17, 98, 0.68, 155.42, 86, 5.98, 161000.69,
            85, 1.3, 6275.96, 85, 3.67, 71430.7, 80, 1.81, 17260.15,
            79, 3.04, 12036.46, 75, 1.76, 5088.63, 74, 3.5, 3154.69,
            74, 4.68, 801.82, 70, 0.83, 9437.76, 62, 3.98, 8827.39,
            61, 1.82, 7084.9, 57, 2.78, 6286.6, 56, 4.39, 14143.5,
            56, 3.47, 6279.55, 52, 0.19, 12139.55, 52, 1.33, 1748.02,
            51, 0.28, 5856.48, 49, 0.49, 1194.45, 41, 5.37, 8429.24,
            41, 2.4, 19651.05, 39, 6.17, 10447.39, 37, 6.04, 10213.29,
            37, 2.57, 1059.38, 36, 1.71, 2352.87, 36, 1.78, 6812.77,
            33, 0.59, 17789.85, 30, 0.44, 83996.85, 30, 2.74, 1349.87,
            25, 3.16, 4690.48,
        ],
        [
            628331966747, 0, 0, 206059, 2.678235, 6283.07585, 4303, 2.6351, 12566.1517,
            425, 1.59, 3.523, 119, 5.796, 26.298, 109, 2.966, 1577.344,
            93, 2.59, 18849.23, 72, 1.14, 529.69, 68, 1.87, 398.15,
            67, 4.41, 5507.55, 59, 2.89, 5223.69, 56, 2.17, 155.42,
            45, 0.4, 796.3, 36, 0.47, 775.52, 29, 2.65, 7.11,
            21, 5.34, 0.98, 19, 1.85, 5486.78, 19, 4.97, 213.3,
            17, 2.99, 6275.96, 16, 0.03, 2544.31, 16, 1.43, 2146.17,
            15, 1.21, 10977.08, 12, 2.83, 1748.02, 12, 3.26, 5088.63,
            12, 5.27, 1194.45, 12, 2.08, 4694, 11, 0.77, 553.57,
            10, 1.3, 6286.6, 10, 4.24, 1349.87, 9, 2.7, 242.73,
            9, 5.64, 951.72, 8, 5.3, 2352.87, 6, 2.65, 9437.76,
            6, 4.67, 4690.48,
        ],
        [
            52919, 0, 0, 8720, 1.0721, 6283.0758, 309, 0.867, 12566.152,
            27, 0.05, 3.52, 16, 5.19, 26.3, 16, 3.68, 155.42,
            10, 0.76, 18849.23, 9, 2.06, 77713.77, 7, 0.83, 775.52,
            5, 4.66, 1577.34, 4, 1.03, 7.11, 4, 3.44, 5573.14,
            3, 5.14, 796.3, 3, 6.05, 5507.55, 3, 1.19, 242.73,
            3, 6.12, 529.69, 3, 0.31, 398.15, 3, 2.28, 553.57,
            2, 4.38, 5223.69, 2, 3.75, 0.98,
        ],
        [
            289, 5.844, 6283.076, 35, 0, 0, 17, 5.49, 12566.15,
            3, 5.2, 155.42, 1, 4.72, 3.52, 1, 5.3, 18849.23,
            1, 5.97, 242.73,
        ],
        [114, 3.142, 0, 8, 4.13, 6283.08, 1, 3.84, 12566.15],
        [1, 3.14, 0],
    ]

    /// Radius vector R: R0…R4.
    private static let earthR: [[Double]] = [
        [
            100013989, 0, 0, 1670700, 3.0984635, 6283.07585, 13956, 3.05525, 12566.1517,
            3084, 5.1985, 77713.7715, 1628, 1.1739, 5753.3849, 1576, 2.8469, 7860.4194,
            925, 5.453, 11506.77, 542, 4.564, 3930.21, 472, 3.661, 5884.927,
            346, 0.964, 5507.553, 329, 5.9, 5223.694, 307, 0.299, 5573.143,
            243, 4.273, 11790.629, 212, 5.847, 1577.344, 186, 5.022, 10977.079,
            175, 3.012, 18849.228, 110, 5.055, 5486.778, 98, 0.89, 6069.78,
            86, 5.69, 15720.84, 86, 1.27, 161000.69, 65, 0.27, 17260.15,
            63, 0.92, 529.69, 57, 2.01, 83996.85, 56, 5.24, 71430.7,
            49, 3.25, 2544.31, 47, 2.58, 775.52, 45, 5.54, 9437.76,
            43, 6.01, 6275.96, 39, 5.36, 4694, 38, 2.39, 8827.39,
            37, 0.83, 19651.05, 37, 4.9, 12139.55, 36, 1.67, 12036.46,
            35, 1.84, 2942.46, 33, 0.24, 7084.9, 32, 0.18, 5088.63,
            32, 1.78, 398.15, 28, 1.21, 6286.6, 28, 1.9, 6279.55,
            26, 4.59, 10447.39,
        ],
        [
            103019, 1.10749, 6283.07585, 1721, 1.0644, 12566.1517, 702, 3.142, 0,
            32, 1.02, 18849.23, 31, 2.84, 5507.55, 25, 1.32, 5223.69,
            18, 1.42, 1577.34, 10, 5.91, 10977.08, 9, 1.42, 6275.96,
            9, 0.27, 5486.78,
        ],
        [
            4359, 5.7846, 6283.0758, 124, 5.579, 12566.152, 12, 3.14, 0,
            9, 3.63, 77713.77, 6, 1.87, 5573.14, 3, 5.47, 18849.23,
        ],
        [145, 4.273, 6283.076, 7, 3.92, 12566.15],
        [4, 2.56, 6283.08],
    ]
}
