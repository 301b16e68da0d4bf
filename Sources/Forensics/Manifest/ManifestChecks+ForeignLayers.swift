import Findings
import Foundation
import ImageModel
import ImageSources

extension ManifestChecks {
    /// SG-MANIFEST-008 and 009: layer descriptors whose `urls` send a runtime elsewhere, or over plain http.
    ///
    /// Why: Safeguard fetches every layer by digest from where the image came from and never follows `urls`. A
    /// runtime that honours them fetches the layer from the host they name instead: that host learns who pulls
    /// the image and can serve different bytes, which only a runtime that verifies the digest would refuse. Over
    /// plain http, anyone on the path can do the same.
    static func foreignURLFindings(_ image: ResolvedImage) -> [Finding] {
        var findings: [Finding] = []
        for (index, layer) in image.manifest.layers.enumerated() {
            for (position, url) in (layer.urls ?? []).enumerated() {
                let reference = LayerReference(index: index, digest: layer.digest.description)
                let field = "manifest.layers[\(index)].urls[\(position)]"
                let parsed = URLComponents(string: url)
                let isHTTPS = parsed?.scheme?.lowercased() == "https"
                let host = authority(of: parsed) ?? ""
                var facts = ["url": ManifestText.escaped(url), "host": ManifestText.escaped(host)]
                if let source = registryAuthorities(image.location).first { facts["registry"] = source }
                if isForeign(parsed, location: image.location) {
                    findings.append(finding(
                        "SG-MANIFEST-008", .high,
                        host.isEmpty ? "Layer \(index) lists a URL without a host"
                            : "Layer \(index) names another host to fetch it from: \(ManifestText.quoted(host))",
                        "The layer descriptor lists \(ManifestText.quoted(url)) in urls. Safeguard reads layers by "
                            + "digest from the image's source and ignores urls, but a runtime that honours them "
                            + "contacts this host instead, which sees every pull and can serve other bytes to any "
                            + "runtime that does not verify the digest"
                            + (isHTTPS ? "." : ", and the URL is not even https."),
                        Evidence(layer: reference, configField: field, facts: facts)))
                }
                if !isHTTPS {
                    findings.append(finding(
                        "SG-MANIFEST-009", .medium, "Layer \(index) lists a URL that is not https",
                        "The layer descriptor lists \(ManifestText.quoted(url)) in urls. A runtime that follows it "
                            + "fetches the layer without TLS, so anyone on the network path can see the pull and "
                            + "replace the bytes.",
                        Evidence(layer: reference, configField: field, facts: facts)))
                }
            }
        }
        return findings
    }

    /// Whether `url` points anywhere but the registry the image came from; for images from files, anywhere at all.
    private static func isForeign(_ url: URLComponents?, location: ImageLocation) -> Bool {
        guard let authority = authority(of: url) else { return true }
        return !registryAuthorities(location).contains(authority)
    }

    /// The names the image's registry goes by, lowercased, with port when it has one; none for files.
    private static func registryAuthorities(_ location: ImageLocation) -> [String] {
        guard case .registry(let reference) = location else { return [] }
        return Array(Set([reference.registry.lowercased(), reference.registryHost.lowercased()])).sorted()
    }

    /// `host[:port]` of a URL, lowercased, without the scheme's default port; nil when it has no host.
    private static func authority(of url: URLComponents?) -> String? {
        guard let url, let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        let defaultPort = ["https": 443, "http": 80][url.scheme?.lowercased() ?? ""]
        guard let port = url.port, port != defaultPort else { return host }
        return "\(host):\(port)"
    }
}
