namespace NumeraiPipeline.Plugins.LightGbm.CrossValidation;

/// <summary>One fold: the eras its model trains on, the contiguous block it predicts, and the eras left out between them.</summary>
/// <param name="Index">The fold's number, from 1, in era order of its test block.</param>
/// <param name="TrainEras">The eras the fold's model trains on (ascending).</param>
/// <param name="TestEras">The contiguous block of eras the model predicts (ascending).</param>
/// <param name="EmbargoedEras">The eras next to the test block that neither train nor test (ascending).</param>
internal sealed record CvFold(int Index, IReadOnlyList<string> TrainEras, IReadOnlyList<string> TestEras, IReadOnlyList<string> EmbargoedEras);
