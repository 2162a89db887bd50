namespace HajDesk.Core.Paging;

/// <summary>One page read by <see cref="KeysetPaging{T}"/>: its rows in display order and the cursors around it.</summary>
public sealed record KeysetPage<TRow>(IReadOnlyList<TRow> Rows, string? NextCursor, string? PreviousCursor);
