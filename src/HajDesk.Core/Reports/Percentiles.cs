namespace HajDesk.Core.Reports;

/// <summary>Percentiles of whole numbers read from a histogram (value → how many times it occurs).</summary>
public static class Percentiles
{
    /// <summary>
    /// The nearest-rank percentile: the smallest value such that at least <paramref name="percent"/>% of all
    /// occurrences are at or below it (the median of 1, 2, 3, 4 is 2). Null for an empty histogram.
    /// </summary>
    public static int? NearestRank(IReadOnlyDictionary<int, int> histogram, int percent)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        long total = histogram.Values.Sum(v => (long)v);
        if (total == 0)
        {
            return null;
        }

        // The rank is ceil(percent × total / 100), counted in whole numbers to avoid rounding surprises.
        var rank = ((percent * total) + 99) / 100;
        long seen = 0;
        foreach (var (value, count) in histogram.Where(p => p.Value > 0).OrderBy(p => p.Key))
        {
            seen += count;
            if (seen >= rank)
            {
                return value;
            }
        }

        return null;
    }
}
