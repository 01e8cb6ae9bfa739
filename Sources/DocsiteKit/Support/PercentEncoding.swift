/// Percent-encoding on UTF-8 bytes, with the same result as Foundation's
/// `addingPercentEncoding` for its URL path and fragment sets (upper-case
/// hex, every non-ASCII byte encoded). Foundation goes through NSString
/// for each call, which cost more than laying out a page.
public enum PercentEncoding {
    /// ASCII bytes left as they are, one bit each.
    public struct Kept: Sendable {
        let low: UInt64, high: UInt64

        init(_ characters: String) {
            var low: UInt64 = 0, high: UInt64 = 0
            for byte in characters.utf8 {
                if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
            }
            self.low = low
            self.high = high
        }

        @inline(__always)
        func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
        }
    }

    static let alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    /// `CharacterSet.urlPathAllowed` without `#` and `?`.
    public static let path = Kept(alphanumerics + "!$&'()*+,-./:=@_~")
    /// `CharacterSet.urlFragmentAllowed`.
    public static let fragment = Kept(alphanumerics + "!$&'()*+,-./:;=?@_~")

    public static func encode(_ text: String, keeping kept: Kept) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: { !kept.contains($0) }) else { return nil }
            let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
            var out = [UInt8]()
            out.reserveCapacity(bytes.count * 3)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                if kept.contains(byte) {
                    out.append(byte)
                } else {
                    out.append(contentsOf: [0x25, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }
}
