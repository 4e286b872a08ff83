namespace Rockstor.Testing;

/// <summary>
/// Runs every clean-up step of a test even when one throws (an appliance that would not stop must not
/// leave the network namespaces, accounts or loop devices after it behind), then throws what failed.
/// </summary>
public static class CleanUp
{
    public static void All(params Action?[] steps)
    {
        var failures = new List<Exception>();
        foreach (var step in steps)
        {
            try
            {
                step?.Invoke();
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Cleaning up after the test failed.", failures);
        }
    }
}
