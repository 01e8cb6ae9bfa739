import Foundation

/// 64-bit FNV-1a over bytes: a change detector for the build cache, where
/// it runs over every source file on every build (SHA-256 would cost ten
/// times more; nothing here needs collision resistance against an attacker,
/// and a collision only means one page is not rebuilt until it changes again).
public enum FastHash {
    public static func hex(_ data: some ContiguousBytes) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            for byte in buffer {
                hash = (hash ^ UInt64(byte)) &* 0x100000001b3
            }
        }
        return String(hash, radix: 16)
    }

    /// Combines hashes of parts in order (for fingerprints).
    public struct Builder {
        var hash: UInt64 = 0xcbf29ce484222325
        public init() {}
        public mutating func add(_ text: String) {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
            hash = (hash ^ 0xFF) &* 0x100000001b3  // separator, so "ab"+"c" != "a"+"bc"
        }
        public var value: String { String(hash, radix: 16) }
    }
}
