import Foundation

/// 64-bit hashes: a change detector for the build cache, where it runs
/// over every source file on every build (SHA-256 would cost ten times more; nothing here needs collision resistance against an attacker,
/// and a collision only means one page is not rebuilt until it changes again).
public enum FastHash {
    /// Eight bytes per step (FNV-1a's byte per step was 40% of the load
    /// stage's time at 10,000 pages): each step is a bijection of the state for a given
    /// word (xor, rotate, multiply by an odd constant), so changing any one
    /// word of the input always changes the hash; the rotation carries high
    /// bits back down. The length is mixed in last, so trailing bytes count.
    public static func hex(_ data: some ContiguousBytes) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            let words = buffer.count / 8
            for index in 0..<words {
                hash = mix(hash, buffer.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
            }
            var tail: UInt64 = 0
            for byte in buffer[(words * 8)...].reversed() { tail = tail << 8 | UInt64(byte) }
            hash = mix(mix(hash, tail), UInt64(buffer.count))
        }
        return String(hash, radix: 16)
    }

    @inline(__always)
    static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let x = hash ^ word
        return (x << 29 | x >> 35) &* 0x9E37_79B9_7F4A_7C15
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
