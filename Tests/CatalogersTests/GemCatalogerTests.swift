@testable import Catalogers
import SBOM
import Testing

@Suite struct GemCatalogerTests {
    /// The start of the specification RubyGems 3.3 installs for rack (Debian's ruby-rack), with its `.freeze`s,
    /// `%q<…>` dependencies and `respond_to? :x=` guards.
    static let rack = """
        # -*- encoding: utf-8 -*-
        # stub: rack 2.2.22 ruby lib

        Gem::Specification.new do |s|
          s.name = "rack".freeze
          s.version = "2.2.22"

          s.required_rubygems_version = Gem::Requirement.new(">= 0".freeze) if s.respond_to? :required_rubygems_version=
          s.metadata = { "bug_tracker_uri" => "https://github.com/rack/rack/issues" } if s.respond_to? :metadata=
          s.description = "Rack provides a minimal, modular and adaptable interface\\n".freeze
          s.licenses = ["MIT".freeze]
          s.installed_by_version = "3.3.15" if s.respond_to? :installed_by_version
          if s.respond_to? :add_runtime_dependency then
            s.add_development_dependency(%q<minitest>.freeze, ["~> 5.0"])
          end
        end

        """

    @Test func readsAnInstalledSpecification() throws {
        let path = "usr/share/rubygems-integration/all/specifications/rack-2.2.22.gemspec"
        let output = GemCataloger().catalog(view([path: Self.rack]))
        #expect(output.warnings.isEmpty)
        let package = try #require(output.packages.first)
        #expect(package.name == "rack")
        #expect(package.version == "2.2.22")
        #expect(package.type == .gem)
        #expect(package.purl == "pkg:gem/rack@2.2.22")
        #expect(package.licenses == ["MIT"])
        #expect(package.locations == [path])
    }

    /// The other ways a gemspec writes the same values, and code around them that must not be mistaken for them.
    @Test(arguments: [
        // Hand-written specs: single quotes, `%q{}`, `Gem::Version.new`, one `license`.
        ("single quotes", "s.name = 'rack'\ns.version = '1.0'\ns.license = 'MIT'", "rack", "1.0", ["MIT"]),
        ("percent q", "s.name = %q{rack}\ns.version = %q(1.0)\ns.licenses = %w[MIT Ruby]", "rack", "1.0",
         ["MIT", "Ruby"]),
        ("Gem::Version", "s.name = \"rack\"\ns.version = Gem::Version.new(\"2.0.1\")", "rack", "2.0.1", []),
        ("Gem::Version without parentheses", "spec.name = 'x'\nspec.version = Gem::Version.new '3'", "x", "3", []),
        // Assignments in comments, strings and heredocs are not code; the real ones come after.
        ("comment", "# s.name = \"evil\"\ns.name = \"x\"\ns.version = \"1\"", "x", "1", []),
        ("block comment", "=begin\ns.name = \"evil\"\n=end\ns.name = \"x\"\ns.version = \"1\"", "x", "1", []),
        ("string", "s.summary = \"s.name = 'evil'\"\ns.name = \"x\"\ns.version = \"1\"", "x", "1", []),
        ("heredoc", "s.description = <<~DESC\n  s.name = \"evil\" and don't\n  DESC\ns.name = \"x\"\ns.version = \"1\"",
         "x", "1", []),
        // As in Ruby, the last assignment wins.
        ("reassigned", "s.name = \"a\"\ns.name = \"b\"\ns.version = \"1\"", "b", "1", []),
        // `==` is a comparison, not an assignment.
        ("comparison", "if s.name == \"evil\" then end\ns.name = \"x\"\ns.version = \"1\"", "x", "1", []),
        // A NUL byte in a comment, as Debian's json-2.6.3.gemspec has.
        ("NUL in comment", "# stub: a\0b\ns.name = \"json\"\ns.version = \"2.6.3\"", "json", "2.6.3", []),
        // Escapes in double-quoted strings.
        ("escapes", "s.name = \"x\\\"y\"\ns.version = \"1\"", "x\"y", "1", []),
        // Nothing after `__END__` is Ruby.
        ("__END__", "s.name = \"x\"\ns.version = \"1\"\n__END__\ns.name = \"", "x", "1", []),
    ] as [(String, String, String, String, [String])])
    func readsEveryLiteralForm(_ label: String, _ source: String, _ name: String, _ version: String,
                               _ licenses: [String]) throws {
        let specification = try Gemspec.parse(Array(source.utf8))
        #expect(specification.name == name, "\(label)")
        #expect(specification.version == version, "\(label)")
        #expect(specification.licenses == licenses, "\(label)")
    }

    @Test(arguments: [
        ("usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec", true),
        ("usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec", true),
        ("var/lib/gems/3.1.0/specifications/rails-7.0.0.gemspec", true),
        ("usr/share/rubygems-integration/all/specifications/rack-2.2.22.gemspec", true),
        ("specifications/x-1.gemspec", true),
        // A gem's own source gemspec is not an installed specification.
        ("usr/lib/ruby/gems/3.1.0/gems/rake-13.0.6/rake.gemspec", false),
        ("usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec.bak", false),
        ("usr/lib/ruby/gems/3.1.0/myspecifications/x.gemspec", false),
    ])
    func asksForInstalledSpecificationsOnly(_ path: String, _ wanted: Bool) {
        #expect(GemCataloger.isSpecification(path) == wanted)
    }

    /// Hostile or broken gemspecs: one warning naming the file, no package, no crash and nothing evaluated.
    @Test(arguments: [
        // A string that never closes swallows the rest of the file.
        ("unterminated string", "s.name = \"rack\ns.version = '1'\n", "line 1: a string literal that never ends"),
        ("unterminated percent", "s.name = %q{rack\n", "line 1: a string literal that never ends"),
        ("unterminated interpolation", "s.name = \"#{x\n", "line 1: a string literal that never ends"),
        ("trailing backslash", "s.name = 'x\\", "line 1: a string literal that never ends"),
        ("unterminated heredoc", "s.version = '1'\ns.name = <<~EOS\nrack\n",
         "line 2: a heredoc whose terminator 'EOS' never comes"),
        // Values that need Ruby to run: refused rather than guessed.
        ("constant", "s.name = 'x'\ns.version = X::VERSION\n", "'version' is not assigned a string literal"),
        ("interpolation", "s.name = \"#{prefix}x\"\ns.version = '1'\n", "'name' is not assigned a string literal"),
        ("heredoc value", "s.name = <<~N\n  x\n  N\ns.version = '1'\n", "'name' is not assigned a string literal"),
        ("empty name", "s.name = ''\ns.version = '1'\n", "'name' is not assigned a string literal"),
        ("dangling assignment", "s.version = '1'\ns.name =", "'name' is not assigned a string literal"),
        // Not a gemspec.
        ("no name", "puts 'hello'\n", "no 'name' assignment (as in s.name = \"…\")"),
        ("empty", "", "no 'name' assignment (as in s.name = \"…\")"),
    ] as [(String, String, String)])
    func warnsAboutMalformedSpecificationsNamingTheFile(_ label: String, _ source: String, _ message: String) {
        let path = "usr/lib/ruby/gems/3.1.0/specifications/x-1.gemspec"
        let output = GemCataloger().catalog(view([path: source]))
        #expect(output.packages.isEmpty, "\(label)")
        #expect(output.warnings == [CatalogWarning(cataloger: "gem", path: path, message: message, layer: 0)],
                "\(label)")
    }

    @Test func survivesBinaryGarbage() {
        // Every byte value, many times over, including quotes, `%`, `<<` and NULs in every arrangement.
        let garbage = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 11) }
        let output = GemCataloger().catalog(view(bytes: ["specifications/x-1.gemspec": garbage]))
        #expect(output.packages.isEmpty)
        #expect(output.warnings.count == 1)
    }
}
