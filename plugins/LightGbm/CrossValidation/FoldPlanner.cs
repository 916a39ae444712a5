namespace NumeraiPipeline.Plugins.LightGbm.CrossValidation;

/// <summary>
/// Splits eras (in time order) into K contiguous test blocks, sized as evenly as possible (the first
/// <c>eras % K</c> blocks one era larger, as scikit-learn's KFold without shuffling), and removes the
/// <c>embargo</c> eras on each side of a fold's test block from its training eras: Numerai's targets look about 20
/// trading days (4 weekly eras) ahead, so the rows of neighbouring eras share their future and would leak it.
/// </summary>
internal static class FoldPlanner
{
    /// <summary>The folds, or a <see cref="FoldLayoutException"/> saying why the eras cannot be split so.</summary>
    /// <param name="erasInOrder">Distinct eras in time order.</param>
    /// <param name="folds">K, at least 2.</param>
    /// <param name="embargo">Eras removed on each side of every test block, at least 0.</param>
    public static IReadOnlyList<CvFold> Plan(IReadOnlyList<string> erasInOrder, int folds, int embargo)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(embargo);
        var n = erasInOrder.Count;
        if (n < folds)
        {
            throw new FoldLayoutException($"the data has {n} era(s), fewer than folds={folds}: every fold needs at least one test era. Lower 'folds' to at most {n}, or train on more eras (era_stride, data_type)");
        }

        var result = new List<CvFold>(folds);
        var start = 0;
        for (var k = 0; k < folds; k++)
        {
            var size = (n / folds) + (k < n % folds ? 1 : 0);
            var end = start + size;
            var embargoFrom = Math.Max(0, start - embargo);
            var embargoTo = Math.Min(n, end + embargo);
            var train = new List<string>(n);
            var embargoed = new List<string>();
            for (var i = 0; i < n; i++)
            {
                if (i >= start && i < end)
                {
                    continue;
                }

                (i >= embargoFrom && i < embargoTo ? embargoed : train).Add(erasInOrder[i]);
            }

            if (train.Count == 0)
            {
                throw new FoldLayoutException($"fold {k + 1} of {folds} has no era left to train on: its {size} test era(s) and embargo={embargo} on each side cover all {n} eras. Lower 'embargo' or raise 'folds' (smaller test blocks)");
            }

            result.Add(new CvFold(k + 1, train, [.. erasInOrder.Skip(start).Take(size)], embargoed));
            start = end;
        }

        return result;
    }
}
