namespace Lotus.Grpc;

/// <summary>
/// Implemented by every generated service base: binds each rpc of the service to the implementation's
/// typed handler. Abstract handler methods make an unimplemented rpc a compile error.
/// </summary>
public interface IBindableService
{
    ServerServiceDefinition BindService();
}
