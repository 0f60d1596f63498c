using Google.Rpc;
using Lotus.Core.V1;
using Lotus.Grpc;

namespace Lotus.Analytics.Tests.Support;

/// <summary>Request builders and error helpers for the contract tests.</summary>
public static class Requests
{
    public static GetPortfolioTimeseriesRequest Portfolio(string start, string end, string asOf = "2024-12-31", int pageSize = 0, string token = "", string reporting = "", string policy = "")
        => new()
        {
            PortfolioId = Samples.Portfolio,
            AsOfDate = asOf,
            Window = new DateWindow { StartDate = start, EndDate = end },
            Frequency = "daily",
            ReportingCurrency = reporting,
            MissingObservationPolicy = policy,
            Page = new PageRequest { PageSize = pageSize, PageToken = token },
        };

    public static GetPositionTimeseriesRequest Position(string start, string end, string asOf = "2024-12-31", int pageSize = 0, string token = "", string reporting = "", string policy = "")
        => new()
        {
            PortfolioId = Samples.Portfolio,
            AsOfDate = asOf,
            Window = new DateWindow { StartDate = start, EndDate = end },
            Frequency = "daily",
            ReportingCurrency = reporting,
            MissingObservationPolicy = policy,
            Page = new PageRequest { PageSize = pageSize, PageToken = token },
        };

    public static T Stream<T>(Google.Protobuf.IMessage request)
        where T : Google.Protobuf.IMessage<T>, new()
        => new Google.Protobuf.MessageParser<T>(() => new T()).ParseFrom(Google.Protobuf.MessageExtensions.ToByteString(request));

    public static ErrorInfo Info(RpcException ex)
        => ex.Status.Details!.Details.Single(d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>();

    public static BadRequest? BadRequestOf(RpcException ex)
        => ex.Status.Details!.Details.SingleOrDefault(d => d.Is(BadRequest.Descriptor))?.Unpack<BadRequest>();
}
