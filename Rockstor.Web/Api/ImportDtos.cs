using Rockstor.Domain.Pools.Import;

namespace Rockstor.Web.Api;

/// <summary>A btrfs filesystem that can be imported: <see cref="Missing"/> devices not on this machine mean a degraded import.</summary>
public sealed record ImportCandidateDto(string FsUuid, string? Label, int TotalDevices, IReadOnlyList<string> Devices, int Missing)
{
    public static ImportCandidateDto From(ImportCandidate c) => new(c.FsUuid, c.Label, c.TotalDevices, c.Devices, c.Missing);
}

/// <summary>What importing would make, read without writing: the pool's name, its shares and replica shares, its snapshots (and where each is now), and what stays as it is.</summary>
public sealed record ImportPreviewDto(
    ImportCandidateDto Candidate,
    string Name,
    IReadOnlyList<string> Shares,
    IReadOnlyList<string> ReplicaShares,
    IReadOnlyList<ImportedSnapshotDto> Snapshots,
    IReadOnlyList<string> Skipped)
{
    public static ImportPreviewDto From(ImportPreview p) => new(
        ImportCandidateDto.From(p.Candidate),
        p.Name,
        p.Plan.Shares,
        p.Plan.ReplicaShares,
        p.Plan.Snapshots.Select(s => new ImportedSnapshotDto(s.Share, s.Name, s.From, s.Received)).ToList(),
        p.Plan.Skipped);
}

public sealed record ImportedSnapshotDto(string Share, string Name, string From, bool Received);

/// <summary>Which filesystem to import (its uuid), under what pool name (its label when absent), and whether degraded.</summary>
public sealed record ImportBody(string? FsUuid, string? Name, bool? Degraded);
