@testable import CorridorServer
import Logging
import NIOConcurrencyHelpers
import Testing

/// The server's log lines carry the logger's metadata and the line's own, as swift-log's stream
/// handler writes them, and nothing below the level.
@Suite struct LineLogHandlerTests {
    final class Lines: TextOutputStream, @unchecked Sendable {
        private let written = NIOLockedValueBox<[String]>([])
        var all: [String] { written.withLockedValue { $0 } }
        func write(_ string: String) { written.withLockedValue { $0.append(string) } }
    }

    @Test func writesTheLoggersMetadataWithTheLinesOwn() {
        let lines = Lines()
        var logger = Logger(label: "corridor.test") { LineLogHandler(label: $0, level: .info, stream: lines) }
        logger[metadataKey: "hb.request.id"] = "r1"
        logger[metadataKey: "user"] = "a"
        logger.info("request", metadata: ["status": "200", "user": "b"])
        logger.debug("hidden")
        logger[metadataKey: "user"] = nil
        logger.warning("slow")
        #expect(lines.all.count == 2)
        #expect(
            lines.all.first?.hasSuffix(" info corridor.test: hb.request.id=r1 status=200 user=b [CorridorServerTests] request\n") == true)
        #expect(lines.all.last?.hasSuffix(" warning corridor.test: hb.request.id=r1 [CorridorServerTests] slow\n") == true)
        #expect(logger[metadataKey: "hb.request.id"] == "r1")
    }
}
