import ArgumentParser
import Foundation
import SceneSampler

struct Plans: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the scene plans shipped in scenes/.")

    func run() throws {
        try CLIError.report {
            let home = try ResourceLocator.home()
            for url in ResourceLocator.shippedPlans(home: home) {
                let shown = "scenes/" + url.lastPathComponent
                do {
                    let plan = try ScenePlan.load(contentsOf: url, home: home, displayName: shown)
                    print("\(shown.padding(toLength: 28, withPad: " ", startingAt: 0)) \(plan.description)")
                } catch {
                    print("\(shown.padding(toLength: 28, withPad: " ", startingAt: 0)) (does not load: \(error))")
                }
            }
        }
    }
}
