using System.Buffers;
using System.IO.Pipelines;

namespace Lotus.Grpc.Tests.Infrastructure;

/// <summary>
/// A PipeReader over fixed bytes that makes one more byte visible per read, each byte its own
/// segment: every prefix and message boundary falls between two reads and two segments.
/// </summary>
public sealed class OneByteAtATimePipeReader : PipeReader
{
    private readonly ReadOnlySequence<byte> all;
    private SequencePosition consumed;
    private long visible;
    private long consumedOffset;

    public OneByteAtATimePipeReader(byte[] data)
    {
        all = CreateSegmented(data);
        consumed = all.Start;
    }

    public int Reads { get; private set; }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        consumedOffset = all.Slice(0, consumed).Length;
        this.consumed = consumed;
    }

    public override void CancelPendingRead()
    {
    }

    public override void Complete(Exception? exception = null)
    {
    }

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        Reads++;
        visible = Math.Min(all.Length, Math.Max(visible, consumedOffset) + 1);
        var buffer = all.Slice(consumed, all.GetPosition(visible));
        return ValueTask.FromResult(new ReadResult(buffer, isCanceled: false, isCompleted: visible == all.Length));
    }

    public override bool TryRead(out ReadResult result) => throw new NotSupportedException();

    private static ReadOnlySequence<byte> CreateSegmented(byte[] data)
    {
        if (data.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(data.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < data.Length; i++)
        {
            last = last.Append(data.AsMemory(i, 1));
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
