import DondocCLI
import Foundation

exit(await Dondoc.main(arguments: Array(CommandLine.arguments.dropFirst())))
