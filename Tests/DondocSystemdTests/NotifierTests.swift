import DondocTestSupport
import DondocSystemd
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension EnvironmentTests {
    /// sd_notify over a real NOTIFY_SOCKET bound by the test: the exact datagrams systemd would get.
    @Suite struct NotifierTests {
        let notifier = SystemdNotifier()

        @Test func readyWithStatusIsOneDatagram() throws {
            let socket = try NotifySocket()
            try withEnvironment(["NOTIFY_SOCKET": socket.address]) {
                #expect(notifier.ready(status: "Đang theo dõi 12 nghĩa vụ; thức dậy lúc 08:00"))
                let datagram = try #require(socket.receive())
                #expect(datagram.text == "READY=1\nSTATUS=Đang theo dõi 12 nghĩa vụ; thức dậy lúc 08:00")
                #expect(datagram.senderPID == getpid())
            }
        }

        @Test func everyStateInOrder() throws {
            let socket = try NotifySocket()
            withEnvironment(["NOTIFY_SOCKET": socket.address]) {
                #expect(notifier.ready())
                #expect(notifier.status("5 thông báo đang chờ"))
                #expect(notifier.watchdogPing())
                #expect(notifier.stopping())
                #expect(notifier.extendTimeout(by: .seconds(90)))
                let texts = (0..<5).compactMap { _ in socket.receive()?.text }
                #expect(texts == ["READY=1", "STATUS=5 thông báo đang chờ", "WATCHDOG=1", "STOPPING=1", "EXTEND_TIMEOUT_USEC=90000000"])
            }
        }

        @Test func reloadingCarriesMonotonicClock() throws {
            let socket = try NotifySocket()
            try withEnvironment(["NOTIFY_SOCKET": socket.address]) {
                let before = SystemdNotifier.monotonicMicroseconds()
                #expect(notifier.reloading(status: "đang nạp lại"))
                let after = SystemdNotifier.monotonicMicroseconds()
                let lines = try #require(socket.receive()).text.split(separator: "\n").map(String.init)
                #expect(lines.count == 3)
                #expect(lines.first == "RELOADING=1")
                #expect(lines.last == "STATUS=đang nạp lại")
                let usecLine = try #require(lines.first { $0.hasPrefix("MONOTONIC_USEC=") })
                let usec = try #require(UInt64(usecLine.dropFirst("MONOTONIC_USEC=".count)))
                #expect(before <= usec && usec <= after)

                // The same clock as the kernel's CLOCK_MONOTONIC, not wall time.
                var ts = timespec()
                clock_gettime(CLOCK_MONOTONIC, &ts)
                #expect(usec <= UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec / 1000))
            }
        }

        @Test func statusIsFlattenedToOneLine() throws {
            let socket = try NotifySocket()
            withEnvironment(["NOTIFY_SOCKET": socket.address]) {
                #expect(notifier.status("dòng 1\ndòng 2\r\nREADY=1"))
                #expect(socket.receive()?.text == "STATUS=dòng 1 dòng 2 READY=1")
            }
        }

        @Test func abstractSocketAddress() throws {
            let socket = try NotifySocket(abstract: true)
            withEnvironment(["NOTIFY_SOCKET": socket.address]) {
                #expect(notifier.notifySocketSet)
                #expect(notifier.stopping(status: "dừng"))
                #expect(socket.receive()?.text == "STOPPING=1\nSTATUS=dừng")
            }
        }

        @Test func withoutNotifySocketNothingIsSent() {
            withEnvironment(["NOTIFY_SOCKET": nil, "INVOCATION_ID": nil]) {
                #expect(!notifier.notifySocketSet)
                #expect(!notifier.isUnderSystemd)
                #expect(!notifier.ready(status: "x"))
                #expect(!notifier.watchdogPing())
            }
        }

        @Test func aSocketNobodyListensOnIsNotSent() {
            withEnvironment(["NOTIFY_SOCKET": "/nonexistent/dondoc/notify.sock"]) {
                #expect(notifier.notifySocketSet)
                #expect(!notifier.ready())
            }
        }

        @Test func underSystemdFromInvocationID() {
            withEnvironment(["NOTIFY_SOCKET": nil, "INVOCATION_ID": "0123456789abcdef0123456789abcdef"]) {
                #expect(notifier.isUnderSystemd)
                #expect(!notifier.notifySocketSet)
            }
        }

        @Test func watchdogIntervalIsHalfOfWatchdogUSec() {
            withEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": String(getpid())]) {
                #expect(notifier.watchdogInterval == .seconds(15))
            }
            withEnvironment(["WATCHDOG_USEC": "3000001", "WATCHDOG_PID": nil]) {
                #expect(notifier.watchdogInterval == .microseconds(1_500_000))
            }
        }

        @Test func watchdogForAnotherProcessIsNotOurs() {
            // systemd sets WATCHDOG_PID to the main process; a child that inherited it must not ping.
            withEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": String(getpid() + 1)]) {
                #expect(notifier.watchdogInterval == nil)
            }
        }

        @Test(arguments: [nil, "0", "soon", "-5"] as [String?])
        func watchdogOff(usec: String?) {
            withEnvironment(["WATCHDOG_USEC": usec, "WATCHDOG_PID": String(getpid())]) {
                #expect(notifier.watchdogInterval == nil)
            }
        }
    }
}
