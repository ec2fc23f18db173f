import Foundation
import CorridorCore
import Hummingbird
import Logging
import NIOCore

/// Per-request state: who is asking, and how they proved it.
public struct CorridorRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var actor: Actor = .anonymous
    /// Set when the identity came from a browser session cookie; forms must echo its CSRF token.
    public var sessionCSRF: String?
    public var sessionToken: String?
    var uploadLimit: Int = 2 * 1024 * 1024

    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { uploadLimit }
}
