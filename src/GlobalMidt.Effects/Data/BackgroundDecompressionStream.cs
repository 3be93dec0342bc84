using System.Runtime.ExceptionServices;

namespace GlobalMidt.Effects.Data;

/// <summary>
/// A read-only stream that reads <c>source</c> (a decompressing stream: gzip) on its own thread, a few blocks ahead
/// of the reader: decompression on one core while the CSV is parsed on another, instead of one after the other.
/// </summary>
/// <remarks>
/// The same bytes in the same order as reading <c>source</c> directly. The producer fills blocks of
/// <see cref="BlockSize"/> bytes from a fixed set of <see cref="BlockCount"/> (memory is bounded: the producer waits
/// while every block is full), the consumer copies out of them and hands them back. An exception of
/// <c>source</c> (corrupt gzip: <see cref="InvalidDataException"/>) is rethrown to the reader, with its type, message
/// and stack, once the bytes decompressed before it have been read. <see cref="Stream.Dispose()"/> stops the producer
/// (after the block it is filling), waits for it and disposes <c>source</c>.
/// </remarks>
internal sealed class BackgroundDecompressionStream : Stream
{
    /// <summary>Bytes per block.</summary>
    internal const int BlockSize = 1 << 18;

    /// <summary>Blocks in the ring (the most that is decompressed ahead of the reader).</summary>
    internal const int BlockCount = 8;

    private readonly Stream _source;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private readonly byte[][] _blocks = new byte[BlockCount][];
    private readonly int[] _lengths = new int[BlockCount];

    // Guarded by _gate: blocks [_head, _head + _filled) (mod BlockCount) are full, the others free.
    private int _filled;
    private bool _done; // the producer has stopped: end of source or _error
    private bool _stopping; // disposed: the producer is to stop
    private ExceptionDispatchInfo? _error;

    // Consumer-only state: the block being read and the position in it.
    private int _head;
    private int _offset;
    private bool _holding; // the consumer holds block _head (counted in _filled until released)
    private bool _disposed;

    /// <summary>Starts reading <paramref name="source"/> on a background thread; the stream owns it.</summary>
    public BackgroundDecompressionStream(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _thread = new Thread(Produce) { IsBackground = true, Name = "decompression" };
        _thread.Start();
    }

    /// <inheritdoc />
    public override bool CanRead => !_disposed;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException("The stream is read forward only; its length is unknown.");

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException("The stream is read forward only.");
        set => throw new NotSupportedException("The stream is read forward only.");
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        int written = 0;
        while (written < buffer.Length)
        {
            if (!_holding && !Acquire(wait: written == 0))
            {
                break; // end of data, or nothing ready and some bytes already copied
            }

            int left = _lengths[_head] - _offset;
            int n = Math.Min(left, buffer.Length - written);
            _blocks[_head].AsSpan(_offset, n).CopyTo(buffer[written..]);
            written += n;
            _offset += n;
            if (_offset == _lengths[_head])
            {
                Release();
            }
        }

        return written;
    }

    /// <inheritdoc />
    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The stream is read forward only.");

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException("The stream is read only.");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read only.");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            lock (_gate)
            {
                _stopping = true;
                Monitor.PulseAll(_gate);
            }

            _thread.Join();
        }

        base.Dispose(disposing);
    }

    /// <summary>Takes the next full block for reading; false at the end of the data (or, without
    /// <paramref name="wait"/>, when none is full yet). Rethrows the source's exception after its last block.</summary>
    private bool Acquire(bool wait)
    {
        lock (_gate)
        {
            while (_filled == 0)
            {
                if (_done)
                {
                    _error?.Throw();
                    return false;
                }

                if (!wait)
                {
                    return false;
                }

                Monitor.Wait(_gate);
            }
        }

        _holding = true;
        _offset = 0;
        return true;
    }

    /// <summary>Hands the block just read back to the producer.</summary>
    private void Release()
    {
        _holding = false;
        _head = (_head + 1) % BlockCount;
        lock (_gate)
        {
            _filled--;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The producer: fills free blocks in ring order until the source ends, fails or the stream is
    /// disposed; then disposes the source. The bytes read before a failure are handed over before it.</summary>
    private void Produce()
    {
        int tail = 0;
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    while (_filled == BlockCount && !_stopping)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (_stopping)
                    {
                        return;
                    }
                }

                var block = _blocks[tail] ??= new byte[BlockSize];
                int length = 0;
                ExceptionDispatchInfo? error = null;
                try
                {
                    while (length < block.Length)
                    {
                        int read = _source.Read(block, length, block.Length - length);
                        if (read == 0)
                        {
                            break;
                        }

                        length += read;
                    }
                }
#pragma warning disable CA1031 // any failure of the source is the reader's to see, where it happened
                catch (Exception e)
#pragma warning restore CA1031
                {
                    error = ExceptionDispatchInfo.Capture(e);
                }

                lock (_gate)
                {
                    if (length > 0)
                    {
                        _lengths[tail] = length;
                        tail = (tail + 1) % BlockCount;
                        _filled++;
                    }

                    _error = error;
                    _done = error is not null || length < block.Length;
                    Monitor.PulseAll(_gate);
                    if (_done)
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            _source.Dispose();
        }
    }
}
