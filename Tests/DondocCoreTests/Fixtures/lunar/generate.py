#!/usr/bin/env python3
"""Independent reference for dondoc's Vietnamese lunar calendar.

Writes month-starts.tsv next to this script: one line per lunar month from the month 11
that contains the winter solstice of 1899 through the month 11 that contains the winter
solstice of 2101, each line

    civil start date <TAB> lunar year <TAB> month <TAB> leap (0/1) <TAB> new moon (UTC, ISO)

The astronomy comes from PyEphem (libastro: VSOP87 for the Sun, ELP2000 for the Moon,
its own Delta-T table), which shares no code with dondoc's Swift (Meeus ch. 49 series for
new moons, truncated VSOP87 for the Sun). The calendar rules are applied here from
their statement in shared/domain/RULES.md, deliberately by a different route from the
Swift: principal terms and the solstice are located as instants by root finding and
then placed on civil days, instead of comparing the Sun's 30-degree sector at month
starts.

Rules (Vietnamese lunisolar calendar, civil days at a fixed UTC+7):
  * a month begins on the civil day containing the new moon;
  * the month containing the winter solstice (apparent solar longitude 270 deg) is month 11;
  * if 13 months run from one month 11 to the next (exclusive), the first month after
    the first month 11 that contains no principal term (longitude a multiple of 30 deg)
    is a leap month and repeats the previous month's number;
  * a lunar year is numbered by the Gregorian year in which its month 1 begins.

Usage:  pip install ephem && python3 generate.py      (deterministic for a given ephem)
"""

import datetime
import math
import os

import ephem

UTC_OFFSET = datetime.timedelta(hours=7)
# Search window: new moons and solar terms from before the 1899 solstice month to after
# the 2101 solstice month, so that every civil day 1900-01-01..2100-12-31 is numbered.
START = ephem.Date("1899/10/01")
END = ephem.Date("2102/03/01")


def local_day(d):
    """The civil date at UTC+7 containing the ephem instant `d` (UT)."""
    return (ephem.Date(d).datetime() + UTC_OFFSET).date()


def iso_utc(d):
    """`d` rounded to the second, as YYYY-MM-DDTHH:MM:SSZ."""
    t = ephem.Date(d).datetime()
    t = (t + datetime.timedelta(microseconds=500_000)).replace(microsecond=0)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def new_moons():
    out = []
    d = ephem.next_new_moon(START)
    while d < END:
        out.append(ephem.Date(d))
        d = ephem.next_new_moon(d + 1)
    return out


_sun = ephem.Sun()


def apparent_longitude(d):
    """Apparent geocentric ecliptic longitude of the Sun, of date, in degrees [0, 360)."""
    _sun.compute(d, epoch=d)
    eq = ephem.Equatorial(_sun.g_ra, _sun.g_dec, epoch=d)
    return math.degrees(ephem.Ecliptic(eq, epoch=d).lon) % 360.0


def solar_terms():
    """Instants (ephem dates, UT) at which the Sun's longitude is a multiple of 30 deg,
    as (instant, longitude) pairs."""
    out = []
    d = START
    lon0 = apparent_longitude(d)
    target = (math.floor(lon0 / 30.0) + 1) * 30.0
    while d < END:
        tgt = target % 360.0

        def f(x, tgt=tgt):
            return (apparent_longitude(x) - tgt + 180.0) % 360.0 - 180.0

        guess = d + ((tgt - apparent_longitude(d)) % 360.0) / 0.9856
        t = ephem.newton(f, guess, guess + 0.5)
        out.append((ephem.Date(t), int(round(tgt)) % 360))
        d = ephem.Date(t + 1)
        target += 30.0
    return out


def main():
    moons = new_moons()
    starts = [local_day(m) for m in moons]
    terms = solar_terms()
    term_days = [(local_day(t), lon) for t, lon in terms]

    def month_range(i):  # civil days [starts[i], starts[i+1])
        return starts[i], starts[i + 1]

    def has_principal_term(i):
        a, b = month_range(i)
        return any(a <= day < b for day, _ in term_days)

    # Months 11: those containing a winter solstice (longitude 270).
    solstice_days = [day for day, lon in term_days if lon == 270]
    elevens = []
    for day in solstice_days:
        for i in range(len(starts) - 1):
            a, b = month_range(i)
            if a <= day < b:
                elevens.append(i)
    assert elevens == sorted(elevens) and len(elevens) >= 2

    rows = []
    for c in range(len(elevens) - 1):
        i, j = elevens[c], elevens[c + 1]
        cycle_year = starts[i].year  # month 11 begins in Nov/Dec of this Gregorian year
        assert starts[i].month in (11, 12)
        leap_index = None
        if j - i == 13:
            for m in range(i + 1, j):
                if not has_principal_term(m):
                    leap_index = m
                    break
            assert leap_index is not None
        else:
            assert j - i == 12, (starts[i], starts[j])
        number = 11
        year = cycle_year
        for m in range(i, j):
            leap = m == leap_index
            if m > i and not leap:
                number += 1
                if number == 13:
                    number = 1
                if number == 1:
                    year = starts[m].year
                    assert year == cycle_year + 1
            rows.append((starts[m], year, number, leap, moons[m]))
    # The last month 11 too (its year is the Gregorian year it begins in).
    last = elevens[-1]
    rows.append((starts[last], starts[last].year, 11, False, moons[last]))

    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "month-starts.tsv"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# generated by Tests/DondocCoreTests/Fixtures/lunar/generate.py with PyEphem "
            f"{ephem.__version__}; Vietnamese rules at UTC+7; columns: civil start, lunar year, "
            "month, leap, new moon UTC\n"
        )
        for start, year, number, leap, moon in rows:
            fh.write(f"{start.isoformat()}\t{year}\t{number}\t{1 if leap else 0}\t{iso_utc(moon)}\n")


if __name__ == "__main__":
    main()
