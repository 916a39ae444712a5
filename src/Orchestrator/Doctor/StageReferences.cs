using NumeraiPipeline.Orchestrator.Definition;

namespace NumeraiPipeline.Orchestrator.Doctor;

/// <summary>For each option of a stage, the stage outputs (<c>${stages.ID.outputs.NAME}</c>) its value is made of.</summary>
internal static class StageReferences
{
    public static IReadOnlyDictionary<string, IReadOnlyList<(string Stage, string Output)>> Of(StageDefinition stage)
    {
        var result = new Dictionary<string, IReadOnlyList<(string Stage, string Output)>>(StringComparer.Ordinal);
        foreach (var entry in stage.With.Entries)
        {
            var references = Scalars(entry.Value)
                .SelectMany(s => Interpolation.Find(s.Value))
                .Where(r => r.Kind == ReferenceKind.Stages && r.StageId is not null && r.OutputName is not null)
                .Select(r => (r.StageId!, r.OutputName!))
                .Distinct()
                .ToList();
            if (references.Count > 0)
            {
                result[entry.Key] = references;
            }
        }

        return result;
    }

    private static IEnumerable<YScalar> Scalars(YNode node) => node switch
    {
        YScalar s => [s],
        YSequence seq => seq.Items.SelectMany(Scalars),
        YMapping map => map.Entries.SelectMany(e => Scalars(e.Value)),
        _ => [],
    };
}
