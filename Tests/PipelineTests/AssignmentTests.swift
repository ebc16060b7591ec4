import Testing

@testable import Pipeline

@Suite struct AssignmentTests {
    @Test func blocksCoverEveryShardOnce() {
        for total in 1...40 {
            for tasks in 1...total {
                var covered: [Int] = []
                for t in 0..<tasks {
                    let block = Assignment.block(task: t, of: tasks, total: total)
                    #expect(block != nil)
                    if let block { covered += Array(block) }
                }
                #expect(covered == Array(0..<total), "\(tasks) tasks, \(total) shards")
            }
        }
    }

    @Test func sourcesResolveInOrderOfPrecedence() throws {
        let slurm = ["SLURM_ARRAY_TASK_ID": "12", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_COUNT": "4"]
        let fromSlurm = try Assignment.resolve(
            shardIndex: nil, taskIndex: nil, taskCount: nil, total: 100, environment: slurm)
        #expect(fromSlurm.shards == 50...74)
        #expect(!fromSlurm.isWholeRun)
        let flagWins = try Assignment.resolve(
            shardIndex: "3-4", taskIndex: nil, taskCount: nil, total: 100, environment: slurm)
        #expect(flagWins.shards == 3...4 && flagWins.source == "--shard-index")
        let k8s = try Assignment.resolve(
            shardIndex: nil, taskIndex: nil, taskCount: 3, total: 10, environment: ["JOB_COMPLETION_INDEX": "2"])
        #expect(k8s.shards == 6...9)
        let whole = try Assignment.resolve(shardIndex: nil, taskIndex: nil, taskCount: nil, total: 5, environment: [:])
        #expect(whole.shards == 0...4 && whole.isWholeRun)
        let allByRange = try Assignment.resolve(
            shardIndex: "0-4", taskIndex: nil, taskCount: nil, total: 5, environment: [:])
        #expect(allByRange.isWholeRun)
    }

    @Test func workerCountReadsCPULists() {
        #expect(WorkerCount.count(list: "0-3,8,10-11") == 7)
        #expect(WorkerCount.count(list: "0") == 1)
        #expect(WorkerCount.count(list: "") == nil)
        #expect(WorkerCount.automatic(environment: ["SLURM_CPUS_PER_TASK": "1"]) == 1)
        #expect(WorkerCount.automatic(environment: [:]) >= 1)
    }
}
