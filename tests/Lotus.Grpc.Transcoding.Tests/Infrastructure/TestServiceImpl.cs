using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Lotus.Grpc;
using Lotus.Transcoding.Test.V1;

namespace Lotus.Grpc.Transcoding.Tests.Infrastructure;

/// <summary>The handlers of lotus.transcoding.test.v1.TestService, bound by hand (no generated base needed).</summary>
public sealed class TestServiceImpl
{
    public const string ServiceName = "lotus.transcoding.test.v1.TestService";

    /// <summary>Released by a test to let a held stream continue after its first message.</summary>
    public TaskCompletionSource ReleaseStream { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Request metadata seen by the last call, for the correlation tests.</summary>
    public Metadata? LastHeaders { get; private set; }

    public static readonly Method<GetItemRequest, Item> GetItemMethod = new(MethodType.Unary, ServiceName, "GetItem", GetItemRequest.Parser, Item.Parser);
    public static readonly Method<SearchItemsRequest, SearchItemsRequest> SearchItemsMethod = new(MethodType.Unary, ServiceName, "SearchItems", SearchItemsRequest.Parser, SearchItemsRequest.Parser);
    public static readonly Method<CreateItemRequest, CreateItemResponse> CreateItemMethod = new(MethodType.Unary, ServiceName, "CreateItem", CreateItemRequest.Parser, CreateItemResponse.Parser);
    public static readonly Method<UpdateItemRequest, UpdateItemRequest> UpdateItemMethod = new(MethodType.Unary, ServiceName, "UpdateItem", UpdateItemRequest.Parser, UpdateItemRequest.Parser);
    public static readonly Method<ArchiveItemRequest, Item> ArchiveItemMethod = new(MethodType.Unary, ServiceName, "ArchiveItem", ArchiveItemRequest.Parser, Item.Parser);
    public static readonly Method<GetFileRequest, GetFileRequest> GetFileMethod = new(MethodType.Unary, ServiceName, "GetFile", GetFileRequest.Parser, GetFileRequest.Parser);
    public static readonly Method<WatchItemsRequest, Item> WatchItemsMethod = new(MethodType.ServerStreaming, ServiceName, "WatchItems", WatchItemsRequest.Parser, Item.Parser);
    public static readonly Method<FailRequest, Item> FailMethod = new(MethodType.Unary, ServiceName, "Fail", FailRequest.Parser, Item.Parser);
    public static readonly Method<PortfolioTimeseriesRequest, Item> PortfolioTimeseriesMethod = new(MethodType.Unary, ServiceName, "GetPortfolioTimeseries", PortfolioTimeseriesRequest.Parser, Item.Parser);
    public static readonly Method<Item, Item> UploadMethod = new(MethodType.ClientStreaming, ServiceName, "Upload", Item.Parser, Item.Parser);

    public ServerServiceDefinition BindService() =>
        ServerServiceDefinition.CreateBuilder(TestServiceReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("TestService"))
            .AddMethod(GetItemMethod, GetItem)
            .AddMethod(SearchItemsMethod, (request, context) => Remember(context, request))
            .AddMethod(CreateItemMethod, CreateItem)
            .AddMethod(UpdateItemMethod, (request, context) => Remember(context, request))
            .AddMethod(ArchiveItemMethod, ArchiveItem)
            .AddMethod(GetFileMethod, (request, context) => Remember(context, request))
            .AddMethod(WatchItemsMethod, WatchItems)
            .AddMethod(FailMethod, Fail)
            .AddMethod(PortfolioTimeseriesMethod, GetPortfolioTimeseries)
            .AddMethod(UploadMethod, (ClientStreamingServerMethod<Item, Item>)((_, _) => Task.FromResult(new Item())))
            .Build();

    public static Item SampleItem(string shelfId, string itemId) => new()
    {
        Name = $"shelves/{shelfId}/items/{itemId}",
        ItemId = itemId,
        ShelfId = shelfId,
        Kind = ItemKind.Bond,
        Price = new Money { Amount = "1025000.12", Currency = "EUR" },
        TradeDate = "2025-01-03",
        Tags = { "core", "bond" },
        Version = 9_007_199_254_740_993,
        MarketValue = "1025000.1200000000",
    };

    public Task<Item> GetItem(GetItemRequest request, ServerCallContext context)
    {
        LastHeaders = context.RequestHeaders;
        if (request.ItemId == "missing")
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Item {request.ItemId} not found."));
        }

        var item = SampleItem(request.ShelfId, request.ItemId);
        item.Active = request.IncludeHistory;
        context.ResponseTrailers.Add("x-item-source", "test");
        return Task.FromResult(item);
    }

    private static Task<CreateItemResponse> CreateItem(CreateItemRequest request, ServerCallContext context)
    {
        var item = request.Item.Clone();
        item.ShelfId = request.ShelfId;
        item.Name = request.RequestId;
        return Task.FromResult(new CreateItemResponse { Item = item, Note = "not in the body" });
    }

    private static Task<Item> ArchiveItem(ArchiveItemRequest request, ServerCallContext context) =>
        Task.FromResult(new Item { ItemId = request.ItemId, Name = request.Comment, Active = false });

    private async Task WatchItems(WatchItemsRequest request, IServerStreamWriter<Item> stream, ServerCallContext context)
    {
        for (var i = 0; i < request.Count; i++)
        {
            if (request.Fail && i == request.FailAfter)
            {
                throw new RpcException(new Status((StatusCode)request.FailCode, $"Stream failed after {i} messages."));
            }

            await stream.WriteAsync(SampleItem(request.ShelfId, "item-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), context.CancellationToken);
            if (i == 0 && request.HoldAfterFirst)
            {
                await ReleaseStream.Task.WaitAsync(context.CancellationToken);
            }
        }

        if (request.Fail && request.FailAfter == request.Count)
        {
            throw new RpcException(new Status((StatusCode)request.FailCode, $"Stream failed after {request.Count} messages."));
        }
    }

    private static Task<Item> Fail(FailRequest request, ServerCallContext context)
    {
        if (request.ThrowPlain)
        {
            throw new InvalidOperationException("secret internal detail");
        }

        var code = (StatusCode)request.Code;
        if (request.ViaContextStatus)
        {
            context.Status = new Status(code, request.Message);
            return Task.FromResult(new Item { Name = "must not be sent" });
        }

        Google.Rpc.Status? details = null;
        if (request.Rich)
        {
            details = new Google.Rpc.Status
            {
                Code = request.Code,
                Message = request.Message,
                Details =
                {
                    Any.Pack(new Google.Rpc.ErrorInfo { Reason = "TEST_REASON", Domain = "lotus.test", Metadata = { ["field"] = "code" } }),
                    Any.Pack(new Google.Rpc.BadRequest { FieldViolations = { new Google.Rpc.BadRequest.Types.FieldViolation { Field = "code", Description = "chosen to fail" } } }),
                },
            };
        }

        throw new RpcException(new Status(code, request.Message, details));
    }

    /// <summary>lotus-core's insufficient-data refusal (lotus-performance-consumer.md).</summary>
    private static Task<Item> GetPortfolioTimeseries(PortfolioTimeseriesRequest request, ServerCallContext context)
    {
        var detail = "Missing FX rate for EUR/USD on " + request.AsOfDate;
        var details = new Google.Rpc.Status
        {
            Code = (int)StatusCode.FailedPrecondition,
            Message = detail,
            Details =
            {
                Any.Pack(new Google.Rpc.ErrorInfo
                {
                    Reason = "QCP_ANALYTICS_INSUFFICIENT_DATA",
                    Domain = "lotus-core.query-control-plane",
                    Metadata = { ["analytics_error_code"] = "INSUFFICIENT_DATA", ["source_product"] = "PortfolioTimeseriesInput" },
                }),
            },
        };
        throw new RpcException(new Status(StatusCode.FailedPrecondition, detail, details));
    }

    private Task<T> Remember<T>(ServerCallContext context, T request)
        where T : IMessage
    {
        LastHeaders = context.RequestHeaders;
        return Task.FromResult(request);
    }
}
