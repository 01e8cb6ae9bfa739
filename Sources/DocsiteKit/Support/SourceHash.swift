import Crypto

/// The hash that ties a translation to the English text it was made from
/// (`source_hash` in front matter, chart description translations): the
/// first 16 hex digits of SHA-256 over the trimmed source.
public enum SourceHash {
    /// Lower-case hex SHA-256 of the UTF-8 bytes of `text`.
    public static func sha256Hex(_ text: String) -> String {
        let digest = SHA256.hash(data: Array(text.utf8))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The 16-digit hash stored in translations.
    public static func of(_ text: String) -> String {
        String(sha256Hex(text).prefix(16))
    }
}
