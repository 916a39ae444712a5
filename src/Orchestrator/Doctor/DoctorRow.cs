using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Doctor;

/// <summary>One row of the doctor's report: a check's result and the stages (none for the host's own rows) it came from.</summary>
internal sealed record DoctorRow(CheckResult Result, IReadOnlyList<string> Stages)
{
    public static DoctorRow Host(CheckResult result) => new(result, []);
}
