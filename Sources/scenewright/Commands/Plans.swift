import ArgumentParser
import Foundation
import Pipeline

struct Plans: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans", abstract: "List the scene plans shipped in scenes/.")

    func run() throws {
        try CLIError.report {
            for (file, description) in try PlanSetup.shippedPlans() {
                let shown = file.padding(toLength: 28, withPad: " ", startingAt: 0)
                switch description {
                case .success(let text): print("\(shown) \(text)")
                case .failure(let error): print("\(shown) (does not load: \(error))")
                }
            }
        }
    }
}
