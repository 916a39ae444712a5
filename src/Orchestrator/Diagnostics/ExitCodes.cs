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
}
