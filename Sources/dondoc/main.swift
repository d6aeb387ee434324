import DondocCLI
import Foundation

exit(await Dondoc.run(arguments: Array(CommandLine.arguments.dropFirst())))
