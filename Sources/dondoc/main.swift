import DondocCLI
import Foundation

exit(Dondoc.run(arguments: Array(CommandLine.arguments.dropFirst())))
