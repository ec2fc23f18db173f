import CorridorCore
import Foundation
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// Resolves a host name to its addresses with the system resolver, on NIO's thread pool so that
/// no task of the server blocks. A literal address resolves to itself.
public enum HostResolver {
    public static func addresses(of host: String) async throws -> [IPAddress] {
        if let literal = IPAddress.parse(host) { return [literal] }
        return try await NIOThreadPool.singleton.runIfActive { lookUp(host) }
    }

    private static func lookUp(_ host: String) -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var found: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = entry.pointee.ai_addr {
                switch Int32(address.pointee.sa_family) {
                case AF_INET:
                    let v4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
                    found.append(.v4(UInt32(bigEndian: v4)))
                case AF_INET6:
                    let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                        withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
                    }
                    found.append(.v6(bytes))
                default:
                    break
                }
            }
            cursor = entry.pointee.ai_next
        }
        return Array(Set(found)).sorted { $0.description < $1.description }
    }
}
