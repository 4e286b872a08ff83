namespace Rockstor.Web.Components.Storage;

/// <summary>What the admin can ask of an operation in progress.</summary>
public enum OperationAction
{
    Pause,
    Resume,
    Cancel,
}
