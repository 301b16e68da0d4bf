import Foundation
import SafeguardCLI

// Writing to a closed pipe (`safeguard scan … | head`) must end quietly, not kill the process with SIGPIPE.
signal(SIGPIPE, SIG_IGN)
exit(Command.main(Array(CommandLine.arguments.dropFirst())).rawValue)
