import COpenSSL

/// One entry of a certificate's subject alternative name extension.
public enum SubjectAlternativeName: Sendable, Equatable {
    /// A URI, as Fulcio writes workflow and CI identities.
    case uri(String)
    /// An email address (rfc822Name), as Fulcio writes people's identities.
    case email(String)
    /// A DNS name.
    case dns(String)
    /// A kind of name Sigstore does not use as an identity (IP address, directory name, other name).
    case other(type: Int)

    /// The name's text; empty for `other`.
    public var value: String {
        switch self {
        case .uri(let text), .email(let text), .dns(let text): text
        case .other: ""
        }
    }
}

extension Certificate {
    /// The subject alternative names, in the certificate's order.
    public var subjectAlternativeNames: [SubjectAlternativeName] {
        guard let raw = X509_get_ext_d2i(pointer, NID_subject_alt_name, nil, nil) else { return [] }
        let names = OpaquePointer(raw)
        defer { safeguard_general_names_free(names) }
        var result: [SubjectAlternativeName] = []
        for index in 0..<safeguard_general_names_count(names) {
            var type: Int32 = 0
            let string = safeguard_general_name_string(names, index, &type)
            let text = string.map { String(decoding: Self.bytes(of: $0), as: UTF8.self) } ?? ""
            switch type {
            case GEN_URI: result.append(.uri(text))
            case GEN_EMAIL: result.append(.email(text))
            case GEN_DNS: result.append(.dns(text))
            default: result.append(.other(type: Int(type)))
            }
        }
        return result
    }
}
