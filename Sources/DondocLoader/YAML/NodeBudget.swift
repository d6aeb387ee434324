import Yams

/// Bounds on a composed document, counting alias expansions: Yams shares an aliased node
/// instead of copying it, so a "billion laughs" document composes quickly but would expand
/// to billions of nodes in any walk over it. Every walk of the loader comes after this one.
enum NodeBudget {
    /// Far more than any workflow file needs (the largest has a few thousand nodes).
    static let maxNodes = 200_000
    /// Directive files nest about six levels deep.
    static let maxDepth = 64

    enum Violation {
        case tooManyNodes
        /// At the first node too deep.
        case tooDeep(Node?)

        var message: String {
            switch self {
            case .tooManyNodes:
                "document expands to more than \(NodeBudget.maxNodes) nodes (recursive or exponential aliases?)"
            case .tooDeep:
                "document nests deeper than \(NodeBudget.maxDepth) levels"
            }
        }
    }

    /// The first bound the document exceeds, found without recursion and without expanding
    /// more than `maxNodes` nodes.
    static func check(_ root: Node) -> Violation? {
        var stack: [(Node, Int)] = [(root, 1)]
        var count = 0
        while let (node, depth) = stack.popLast() {
            count += 1
            if count > maxNodes { return .tooManyNodes }
            if depth > maxDepth { return .tooDeep(node) }
            switch node {
            case .scalar, .alias:
                break
            case .sequence(let sequence):
                for child in sequence { stack.append((child, depth + 1)) }
            case .mapping(let mapping):
                for (key, value) in mapping {
                    stack.append((key, depth + 1))
                    stack.append((value, depth + 1))
                }
            }
            // Children are only pushed, never expanded further, before counting: bound the stack too.
            if stack.count > maxNodes { return .tooManyNodes }
        }
        return nil
    }
}
