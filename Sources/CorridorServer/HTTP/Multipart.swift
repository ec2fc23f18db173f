import Foundation

/// The parts of a multipart/form-data body (RFC 7578), as browsers send file uploads.
struct MultipartForm {
    struct Part {
        var name: String
        var fileName: String?
        var data: Data
    }

    let parts: [Part]

    init?(contentType: String, body: Data) {
        guard let boundaryRange = contentType.range(of: "boundary=") else { return nil }
        var boundary = String(contentType[boundaryRange.upperBound...])
        if let semicolon = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semicolon]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !boundary.isEmpty else { return nil }
        let delimiter = Data(("--" + boundary).utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var parts: [Part] = []
        var cursor = body.startIndex
        guard let first = body.range(of: delimiter, in: cursor..<body.endIndex) else { return nil }
        cursor = first.upperBound
        while let next = body.range(of: delimiter, in: cursor..<body.endIndex) {
            // Each part sits between "\r\n" after the delimiter and "\r\n" before the next one.
            var start = cursor
            if body[start...].starts(with: Data("\r\n".utf8)) { start += 2 }
            var end = next.lowerBound
            if end - start >= 2, body[(end - 2)..<end] == Data("\r\n".utf8) { end -= 2 }
            if let split = body.range(of: headerEnd, in: start..<end) {
                let headers = String(decoding: body[start..<split.lowerBound], as: UTF8.self)
                if let part = Self.part(headers: headers, data: body[split.upperBound..<end]) { parts.append(part) }
            }
            cursor = next.upperBound
            if body[cursor...].starts(with: Data("--".utf8)) { break }
        }
        self.parts = parts
    }

    func part(named name: String) -> Part? { parts.first { $0.name == name } }

    private static func part(headers: String, data: Data) -> Part? {
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            var name: String?
            var fileName: String?
            for item in line.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                if item.hasPrefix("name=") { name = String(item.dropFirst(5)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                if item.hasPrefix("filename=") {
                    fileName = String(item.dropFirst(9)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                }
            }
            if let name { return Part(name: name, fileName: fileName, data: Data(data)) }
        }
        return nil
    }
}
