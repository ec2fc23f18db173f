import Foundation
import CorridorCore
import CorridorLanguages
import Hummingbird
import Logging
import NIOCore

/// Per-request state: who is asking, and how they proved it.
public struct CorridorRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var actor: Actor = .anonymous
    /// The signed-in person as read with their credential, so a route never reads them again.
    public var user: User?
    /// Set when the identity came from a browser session cookie; forms must echo its CSRF token.
    public var sessionCSRF: String?
    public var sessionToken: String?
    var uploadLimit: Int = 2 * 1024 * 1024
    /// The language the signed-in person chose for the pages, if any.
    public var savedLanguage: String?
    /// The language this request is answered in (set by `LanguageMiddleware`).
    public var language: Language = .en

    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { uploadLimit }
}
