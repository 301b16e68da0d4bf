import CYAML

extension CatalogNode {
    /// Parses one YAML document with libyaml's event parser into a bounded tree; nil for an empty document.
    ///
    /// Why events rather than libyaml's document loader: the loader builds the whole graph first and expands
    /// nothing, but a reader walking it would expand every alias, so ten anchors of ten aliases each (the billion
    /// laughs) would cost 10^10 nodes. Building the tree here counts each alias as the subtree it stands for and
    /// stops at `CatalogLimits.maxNodes`; depth is checked as each collection opens, before libyaml reads further.
    /// - Throws: `CatalogError` naming `file` and the line and column.
    static func parseYAML(_ bytes: [UInt8], file: String) throws(CatalogError) -> CatalogNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw .unreadable(file: file, reason: "libyaml could not start a parser")
        }
        defer { yaml_parser_delete(&parser) }
        var builder = YAMLTreeBuilder(file: file)
        let result: Result<CatalogNode?, CatalogError> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            do {
                while true {
                    var event = yaml_event_t()
                    guard yaml_parser_parse(&parser, &event) == 1 else { throw Self.syntaxError(parser, file: file) }
                    defer { yaml_event_delete(&event) }
                    if try builder.handle(event) { return .success(builder.root) }
                }
            } catch let error as CatalogError {
                return .failure(error)
            } catch {
                return .failure(.unreadable(file: file, reason: "\(error)"))
            }
        }
        return try result.get()
    }

    private static func syntaxError(_ parser: yaml_parser_t, file: String) -> CatalogError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        let context = parser.context.map { String(cString: $0) + ": " } ?? ""
        let mark = CatalogMark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        return .syntax(file: file, mark: mark, problem: context + problem)
    }
}

/// Builds the tree from libyaml's events, with the bounds of `CatalogLimits`.
private struct YAMLTreeBuilder {
    let file: String
    private(set) var root: CatalogNode?
    private var stack: [Frame] = []
    private var anchors: [String: (node: CatalogNode, height: Int)] = [:]
    private var nodes = 0
    private var documents = 0

    private enum Frame {
        case sequence(items: [CatalogNode], mark: CatalogMark, anchor: String?)
        case mapping(members: [CatalogMember], key: (String, CatalogMark)?, mark: CatalogMark, anchor: String?)
    }

    init(file: String) { self.file = file }

    /// Takes one event; returns true at the end of the stream.
    mutating func handle(_ event: yaml_event_t) throws(CatalogError) -> Bool {
        let mark = CatalogMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT: return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            // Why: a second document would be ignored by one reader and read by another.
            guard documents == 1 else { throw .multipleDocuments(file: file, mark: mark) }
        case YAML_SCALAR_EVENT:
            let value = Self.string(event.data.scalar.value, length: event.data.scalar.length)
            try count(1, at: mark)
            try complete(.scalar(value, at: mark), anchor: Self.anchor(event.data.scalar.anchor))
        case YAML_ALIAS_EVENT:
            let name = Self.anchor(event.data.alias.anchor) ?? ""
            guard let (node, height) = anchors[name] else {
                throw .undefinedAlias(file: file, mark: mark, anchor: name)
            }
            // Why: an alias puts a whole subtree where it stands, so a deep anchor aliased inside another, again and
            // again, would nest far past the bound without a single `[` more in the file.
            guard stack.count + height <= CatalogLimits.maxDepth else {
                throw .tooDeep(file: file, mark: mark, limit: CatalogLimits.maxDepth)
            }
            try count(node.size, at: mark)
            try complete(node, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            try open(.sequence(items: [], mark: mark, anchor: Self.anchor(event.data.sequence_start.anchor)), at: mark)
        case YAML_MAPPING_START_EVENT:
            let anchor = Self.anchor(event.data.mapping_start.anchor)
            try open(.mapping(members: [], key: nil, mark: mark, anchor: anchor), at: mark)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            switch stack.removeLast() {
            case .sequence(let items, let start, let anchor): try complete(.sequence(items, at: start), anchor: anchor)
            case .mapping(let members, _, let start, let anchor):
                try complete(.mapping(members, at: start), anchor: anchor)
            }
        default: break
        }
        return false
    }

    private mutating func open(_ frame: Frame, at mark: CatalogMark) throws(CatalogError) {
        try count(1, at: mark)
        guard stack.count < CatalogLimits.maxDepth else {
            throw .tooDeep(file: file, mark: mark, limit: CatalogLimits.maxDepth)
        }
        stack.append(frame)
    }

    private mutating func count(_ added: Int, at mark: CatalogMark) throws(CatalogError) {
        nodes += added
        guard nodes <= CatalogLimits.maxNodes else {
            throw .tooManyNodes(file: file, mark: mark, limit: CatalogLimits.maxNodes)
        }
    }

    /// Puts a finished node where it belongs: the root, the next item of a sequence, or a mapping's key or value.
    private mutating func complete(_ node: CatalogNode, anchor: String?) throws(CatalogError) {
        if let anchor { anchors[anchor] = (node, node.height) }
        guard let top = stack.popLast() else {
            root = node
            return
        }
        switch top {
        case .sequence(var items, let mark, let frameAnchor):
            items.append(node)
            stack.append(.sequence(items: items, mark: mark, anchor: frameAnchor))
        case .mapping(var members, let key, let mark, let frameAnchor):
            if let (name, _) = key {
                members.append(CatalogMember(key: name, value: node))
                stack.append(.mapping(members: members, key: nil, mark: mark, anchor: frameAnchor))
                return
            }
            guard case .scalar(let name, let keyMark) = node else {
                throw .badKey(file: file, field: "key", mark: node.mark, reason: "a mapping key must be a plain string")
            }
            // Why: with a key given twice, one reader keeps the first value and another the last.
            guard !members.contains(where: { $0.key == name }) else {
                throw .badKey(file: file, field: name, mark: keyMark, reason: "given twice in one mapping")
            }
            stack.append(.mapping(members: members, key: (name, keyMark), mark: mark, anchor: frameAnchor))
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func anchor(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }
}
