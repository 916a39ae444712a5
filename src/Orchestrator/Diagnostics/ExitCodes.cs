namespace NumeraiPipeline.Orchestrator.Diagnostics;

internal static class ExitCodes
{
    public const int Success = 0;
    public const int StageFailed = 1;
    public const int InvalidInput = 2;
    public const int Environment = 3;
    public const int Cancelled = 130;

    /// <summary>Maps an NP code's bucket to its exit code: NP1/NP2 → 2, NP3/NP4 → 3, everything else → 1.</summary>
    public static int ForCode(string code)
    {
        if (code.Length >= 3 && code.StartsWith("NP", StringComparison.Ordinal))
        {
            return code[2] switch
            {
                '1' or '2' => InvalidInput,
                '3' or '4' => Environment,
                _ => code == DiagnosticCodes.Cancelled.Code ? Cancelled : StageFailed,
            };
        }

        return StageFailed;
    }

    /// <summary>
    /// The exit code of a stage failure found while running: 3 when the code's bucket or the failure itself says
    /// environment (NP3xxx, NP4xxx, the store's NP67xx, or a plugin's StageException.ExitCode = 3), else 1. Invalid
    /// input is exit 2 only when found before running; a data error found while running is a failed stage.
    /// </summary>
    public static int ForFailure(string? code, int declared)
    {
        if (declared == Environment || (code is not null && (ForCode(code) == Environment || Storage.StorageErrors.All.Any(e => e.Code == code && e.Exit == Sdk.ExitClass.Environment))))
        {
            return Environment;
        }

        return StageFailed;
    }
}
