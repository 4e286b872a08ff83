namespace Rockstor.Domain.Replication.Trail;

public interface IRefusalLog
{
    void Add(Refusal refusal);

    IReadOnlyList<Refusal> Latest(int count);
}
