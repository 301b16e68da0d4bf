/// Punycode (RFC 3492), decoding only: the `xn--` labels of an internationalised registry host, so that a host
/// drawn with Cyrillic letters is compared as it is displayed.
enum Punycode {
    /// A label longer than DNS allows (63) is not a host label; the bound also caps the decoder's work.
    static let maxLabelLength = 63

    /// The Unicode form of `host`, each `xn--` label decoded; nil when a label does not decode.
    static func decodeHost(_ host: String) -> String? {
        var labels: [String] = []
        for label in host.split(separator: ".", omittingEmptySubsequences: false) {
            let lower = label.lowercased()
            guard lower.hasPrefix("xn--") else { labels.append(String(label)); continue }
            guard let decoded = decode(String(lower.dropFirst(4))) else { return nil }
            labels.append(decoded)
        }
        return labels.joined(separator: ".")
    }

    /// Decodes one label without its `xn--` prefix.
    static func decode(_ input: String) -> String? {
        let scalars = Array(input.unicodeScalars)
        guard scalars.count <= maxLabelLength, scalars.allSatisfy(\.isASCII) else { return nil }
        let (base, tMin, tMax, skew, damp) = (36, 1, 26, 38, 700)
        var output: [Unicode.Scalar] = []
        var rest = scalars[...]
        if let dash = scalars.lastIndex(of: "-") {
            output = Array(scalars[..<dash])
            rest = scalars[(dash + 1)...]
        }

        var n = 128, i = 0, bias = 72
        var position = rest.startIndex
        while position < rest.endIndex {
            let oldI = i
            var w = 1, k = base
            while true {
                guard position < rest.endIndex, let digit = digitValue(rest[position]) else { return nil }
                position += 1
                // The label is at most 63 characters, but a crafted one can still overflow: refuse, do not trap.
                let (product, overflow1) = digit.multipliedReportingOverflow(by: w)
                let (sum, overflow2) = i.addingReportingOverflow(product)
                guard !overflow1, !overflow2, sum < 0x110000 * (output.count + 2) else { return nil }
                i = sum
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if digit < t { break }
                w *= base - t
                k += base
            }
            bias = adapt(i - oldI, count: output.count + 1, first: oldI == 0, base: base, tMin: tMin, tMax: tMax,
                         skew: skew, damp: damp)
            n += i / (output.count + 1)
            i %= output.count + 1
            guard let scalar = Unicode.Scalar(n) else { return nil }
            output.insert(scalar, at: i)
            i += 1
        }
        return String(String.UnicodeScalarView(output))
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "a"..."z": Int(scalar.value) - 97
        case "A"..."Z": Int(scalar.value) - 65
        case "0"..."9": Int(scalar.value) - 22
        default: nil
        }
    }

    private static func adapt(_ delta: Int, count: Int, first: Bool, base: Int, tMin: Int, tMax: Int, skew: Int,
                              damp: Int) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
