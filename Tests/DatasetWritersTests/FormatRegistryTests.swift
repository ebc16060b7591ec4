import Testing

@testable import DatasetWriters

@Suite struct FormatRegistryTests {
    @Test func namesAreUnique() {
        let names = FormatRegistry.names
        #expect(Set(names).count == names.count, "\(names)")
        #expect(
            names == [
                "webdataset", "folder", "coco", "vqa", "clevr", "refcoco", "hf", "grounding", "heldout", "llava",
                "messages",
            ])
    }

    @Test func ownedNamesAreDisjoint() {
        var owner: [String: String] = [:]
        for name in [DatasetSink.stateFolder, DatasetSink.markerName] + FormatRegistry.sharedNames {
            owner[name] = "the sink"
        }
        for format in FormatRegistry.formats {
            #expect(!format.ownedNames.isEmpty, "\(format.name) declares no names")
            for name in format.ownedNames {
                #expect(owner[name] == nil, "'\(name)' is claimed by \(format.name) and \(owner[name] ?? "")")
                owner[name] = format.name
            }
        }
        #expect(DatasetSink.ownedNames == owner.keys.sorted())
    }

    @Test func everyFormatIsConstructibleFromOptions() throws {
        let formats = try FormatRegistry.make(names: FormatRegistry.names.reversed(), options: FormatOptions())
        #expect(formats.map(\.name) == FormatRegistry.names)
        for format in formats { #expect(type(of: format).name == format.name) }
        let masked = try FormatRegistry.make(
            names: ["webdataset"], options: FormatOptions(encodeMask: { _, _, _ in [] }))
        #expect(masked[0].needs == [.maskPNG])
    }

    @Test func unknownOrNoFormatsAreRefusedWithTheValidNames() {
        #expect(throws: FormatChoiceError.self) {
            try FormatRegistry.make(names: ["tfrecord"], options: FormatOptions())
        }
        #expect(throws: FormatChoiceError.self) { try FormatRegistry.make(names: [], options: FormatOptions()) }
        do {
            _ = try FormatRegistry.make(names: ["tfrecord"], options: FormatOptions())
        } catch {
            #expect(error.message.contains("webdataset, folder, coco"))
        }
    }
}
