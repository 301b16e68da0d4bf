import Advisories
import Foundation
import HTTP
import Zip

/// Downloads advisories from a mirror laid out as osv.dev's public export: `ECOSYSTEM/all.zip` with every record,
/// `ECOSYSTEM/modified_id.csv` listing `modified,ID` newest first, and `ECOSYSTEM/ID.json` for each record.
///
/// Incremental where the mirror allows: an ecosystem refreshed before is brought up to date from
/// `modified_id.csv` and the few records changed since; otherwise its `all.zip` is fetched, conditionally on the
/// ETag stored last time. Everything goes through one `AdvisoryWriter`, so a failure anywhere leaves the previous
/// database untouched.
public struct AdvisoryMirror {
    /// osv.dev's public export.
    public static let defaultURL = "https://osv-vulnerabilities.storage.googleapis.com"
    /// The ecosystems `db update` fetches unless told otherwise: those Safeguard's catalogers find packages of.
    public static let defaultEcosystems = ["Debian", "Ubuntu", "Alpine", "Red Hat", "AlmaLinux", "Rocky Linux",
                                           "PyPI", "npm", "Go", "crates.io", "Maven", "RubyGems"]
    /// Past this many changed records, one `all.zip` is cheaper than one request each.
    static let maxIncrementalRecords = 500
    /// `modified_id.csv` of the largest ecosystem is a few MB.
    static let maxIndexSize = 64 << 20

    /// What happened to one ecosystem.
    public enum Outcome: Sendable, Equatable {
        /// Nothing changed since the last update (304, or no newer record).
        case unchanged
        /// `count` records fetched one by one.
        case incremental(count: Int)
        /// The whole export was read.
        case full
    }

    let base: URL
    let client: HTTPClient

    /// A mirror at `url`; plain `http://` is accepted because the user named it.
    public init(url: String, timeout: Double = 60) throws {
        guard let base = URL(string: url.hasSuffix("/") ? String(url.dropLast()) : url),
              let scheme = base.scheme, scheme == "https" || scheme == "http", let host = base.host
        else { throw AdvisoryUpdateError.badMirror(url) }
        self.base = base
        var configuration = HTTPClient.Configuration()
        configuration.readTimeout = timeout
        if scheme == "http" { configuration.insecureHosts = [host] }
        client = try HTTPClient(configuration: configuration)
    }

    /// Brings `ecosystem` up to date in `writer`, adding records through `add` (which counts and rejects).
    public func update(_ ecosystem: String, writer: AdvisoryWriter,
                       add: (_ source: String, _ member: Result<[UInt8], ZipArchiveError>) throws -> String?)
        throws -> Outcome
    {
        let previous = try writer.source(ecosystem)
        if let since = previous?.modifiedThrough, let changed = try changes(ecosystem, since: since),
           changed.ids.count <= Self.maxIncrementalRecords {
            for id in changed.ids {
                let url = try location(ecosystem, id + ".json")
                _ = try add(url.absoluteString, .success(try fetch(url, limit: OSVLimits.maxRecordBytes)))
            }
            try writer.recordSource(ecosystem, origin: base.absoluteString, etag: previous?.etag,
                                    modifiedThrough: changed.newest ?? since)
            return changed.ids.isEmpty ? .unchanged : .incremental(count: changed.ids.count)
        }

        let url = try location(ecosystem, "all.zip")
        var headers: HTTPHeaders = [:]
        if let etag = previous?.etag { headers = ["If-None-Match": etag] }
        let response = try client.send(HTTPRequest(url: url, headers: headers))
        if response.status == 304 {
            response.close()
            try writer.recordSource(ecosystem, origin: base.absoluteString, etag: previous?.etag,
                                    modifiedThrough: previous?.modifiedThrough)
            return .unchanged
        }
        guard response.status == 200 else {
            response.close()
            throw AdvisoryUpdateError.status(url: url.absoluteString, status: response.status)
        }
        let etag = response.headers.values(for: "ETag").first
        let archive = try read(response, url: url, limit: AdvisoryImport.maxArchiveSize)
        var newest: String?
        try AdvisoryImport.eachMember(of: archive, archive: url.absoluteString) { source, member in
            guard let modified = try add(source, member) else { return }
            if newest.map({ AdvisoryWriter.isNewer(modified, than: $0) }) ?? true { newest = modified }
        }
        try writer.recordSource(ecosystem, origin: base.absoluteString, etag: etag, modifiedThrough: newest)
        return .full
    }

    /// The IDs `modified_id.csv` lists as modified after `since`, and the newest time it lists; nil when the
    /// mirror has no such file.
    func changes(_ ecosystem: String, since: String) throws -> (ids: [String], newest: String?)? {
        let url = try location(ecosystem, "modified_id.csv")
        let response = try client.send(HTTPRequest(url: url))
        guard response.status == 200 else {
            response.close()
            if response.status == 404 || response.status == 403 { return nil }
            throw AdvisoryUpdateError.status(url: url.absoluteString, status: response.status)
        }
        let text = String(decoding: try read(response, url: url, limit: Self.maxIndexSize), as: UTF8.self)
        var ids: [String] = []
        var newest: String?
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: ",", maxSplits: 1)
            guard fields.count == 2 else {
                throw AdvisoryUpdateError.malformedIndex(url: url.absoluteString, line: String(line.prefix(200)))
            }
            let modified = String(fields[0])
            // Newest first: the first line older than what the database holds ends the changes.
            guard AdvisoryWriter.isNewer(modified, than: since) else { break }
            newest = newest ?? modified
            let id = String(fields[1]).trimmingCharacters(in: .whitespaces)
            // Why: the ID becomes part of a URL path; one that is not a plain record ID could point elsewhere.
            let isPlain = id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }
            guard !id.isEmpty, isPlain, !id.contains("..") else {
                throw AdvisoryUpdateError.malformedIndex(url: url.absoluteString, line: String(line.prefix(200)))
            }
            ids.append(id)
        }
        return (ids, newest)
    }

    func location(_ ecosystem: String, _ file: String) throws -> URL {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))
        guard let directory = ecosystem.addingPercentEncoding(withAllowedCharacters: allowed),
              let name = file.addingPercentEncoding(withAllowedCharacters: allowed),
              let url = URL(string: base.absoluteString + "/" + directory + "/" + name)
        else { throw AdvisoryUpdateError.badMirror(base.absoluteString + "/" + ecosystem) }
        return url
    }

    func fetch(_ url: URL, limit: Int) throws -> [UInt8] {
        let response = try client.send(HTTPRequest(url: url))
        guard response.status == 200 else {
            response.close()
            throw AdvisoryUpdateError.status(url: url.absoluteString, status: response.status)
        }
        return try read(response, url: url, limit: limit)
    }

    private func read(_ response: HTTPResponse, url: URL, limit: Int) throws -> [UInt8] {
        do { return try response.readBody(limit: limit) } catch {
            throw AdvisoryUpdateError.download(url: url.absoluteString, reason: "\(error)")
        }
    }
}

/// Why an update could not complete; the previous database is left as it was.
public enum AdvisoryUpdateError: Error, Sendable, Equatable, CustomStringConvertible {
    case badMirror(String)
    case status(url: String, status: Int)
    case download(url: String, reason: String)
    case malformedIndex(url: String, line: String)

    public var description: String {
        switch self {
        case .badMirror(let url): "mirror URL \(url) is not an http or https URL"
        case .status(let url, let status): "\(url): the mirror answered HTTP \(status)"
        case .download(let url, let reason): "\(url): download failed: \(reason)"
        case .malformedIndex(let url, let line): "\(url): not a modified_id.csv line: \(line.debugDescription)"
        }
    }
}
