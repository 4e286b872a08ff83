namespace Rockstor.Domain.Common;

/// <summary>One page of a list a screen pages through, and how many rows the whole list has.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total);
