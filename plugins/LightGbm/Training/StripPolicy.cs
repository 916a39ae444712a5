namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>Whether a streamed source's rows may reach the Dataset in column strips.</summary>
internal enum StripPolicy
{
    /// <summary>Strips when LightGBM's bins make them exact (<see cref="StripPushCheck"/>); whole rows otherwise.</summary>
    WhenExact,

    /// <summary>Always whole rows.</summary>
    Never,

    /// <summary>Strips without the check (tests showing what the check prevents).</summary>
    Always,
}
