package org.torch4j.distributed;

import java.time.Duration;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.TCPStoreOptions;
import org.torch4j.TorchException;
import org.torch4j.internal.NativeLifetime;

/**
 * {@code torch.distributed.TCPStore(host_name, port, world_size, is_master, timeout)}: the key-value
 * store the ranks rendezvous through (c10d's TCPStore). The master hosts the server; every rank
 * (the master too) is a client. Pass it to {@link Dist#initProcessGroup(String, TCPStore, int, int, Duration)}
 * for the explicit-store form. Closing it frees this process's connection (the server goes with the master's).
 * Thread-safe: a close while another thread waits in {@link #get} takes effect when that call
 * returns; calls after close throw {@link IllegalStateException}.
 */
public final class TCPStore implements AutoCloseable {
    private final org.bytedeco.pytorch.TCPStore handle;
    private final NativeLifetime lifetime;
    private final String host;
    private final int port;

    /**
     * Connects to (or, with {@code isMaster}, serves on) {@code host:port}; {@code timeout} bounds
     * the connect and every later wait. Port in use and an unreachable master are TorchExceptions.
     */
    public TCPStore(String host, int port, int worldSize, boolean isMaster, Duration timeout) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("TCPStore: host must be non-empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TCPStore: port must be in 0..65535, got " + port);
        }
        if (worldSize < 1) {
            throw new IllegalArgumentException("TCPStore: world_size must be >= 1, got " + worldSize);
        }
        Dist.checkTimeout(timeout, "TCPStore");
        this.host = host;
        try (TCPStoreOptions o = new TCPStoreOptions();
                SizeTPointer n = new SizeTPointer(1);
                Milliseconds ms = new Milliseconds(timeout.toMillis())) {
            o.port((short) port);
            o.isServer(isMaster);
            o.numWorkers(n.put(worldSize));
            o.waitWorkers(false);
            o.timeout(ms);
            o.useLibUV(false);
            this.handle = new org.bytedeco.pytorch.TCPStore(host, o);
            this.lifetime = new NativeLifetime(handle::close, () -> new IllegalStateException("TCPStore " + host + ": closed"));
            this.port = Short.toUnsignedInt(handle.getPort());
        } catch (RuntimeException e) {
            String m = ProcessGroup.stripSourcePrefix(firstLine(e.getMessage()));
            if (isMaster) {
                throw new TorchException("TCPStore: cannot serve on " + host + ":" + port
                        + (m.contains("EADDRINUSE") || m.contains("in use") ? " (port already in use)" : "") + ": " + m, e);
            }
            throw new TorchException("TCPStore: cannot reach the master at " + host + ":" + port + " within "
                    + timeout.toMillis() + " ms: " + m, e);
        }
    }

    static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        String s = nl < 0 ? m : m.substring(0, nl);
        int ex = s.indexOf(" Exception raised from ");
        return ex < 0 ? s : s.substring(0, ex);
    }

    /** The host this store connects to. */
    public String host() {
        return host;
    }

    /** The port (the actual one when 0 was asked of a master). */
    public int port() {
        return port;
    }

    /** {@code store.set(key, value)}. */
    public void set(String key, String value) {
        lifetime.lease();
        try {
            handle.set(key, value);
        } catch (RuntimeException e) {
            throw new TorchException("TCPStore.set: " + ProcessGroup.stripSourcePrefix(firstLine(e.getMessage())), e);
        } finally {
            lifetime.release();
        }
    }

    /** {@code store.get(key)}: waits (up to the store's timeout) until the key is set. */
    public String get(String key) {
        lifetime.lease();
        try {
            return handle.get_to_str(key);
        } catch (RuntimeException e) {
            throw new TorchException("TCPStore.get(" + key + "): " + ProcessGroup.stripSourcePrefix(firstLine(e.getMessage())), e);
        } finally {
            lifetime.release();
        }
    }

    /** {@code store.add(key, amount)}: atomically adds and returns the new value. */
    public long add(String key, long amount) {
        lifetime.lease();
        try {
            return handle.add(key, amount);
        } catch (RuntimeException e) {
            throw new TorchException("TCPStore.add: " + ProcessGroup.stripSourcePrefix(firstLine(e.getMessage())), e);
        } finally {
            lifetime.release();
        }
    }

    /**
     * A new connection to the same store, for a caller that keeps its own (the process group, the
     * heartbeat): independent of this object's lifetime.
     */
    org.bytedeco.pytorch.Store connect(String op) {
        lifetime.lease();
        try {
            return handle.clone();
        } catch (RuntimeException e) {
            throw new TorchException(op + ": cannot connect to the store: " + ProcessGroup.stripSourcePrefix(firstLine(e.getMessage())), e);
        } finally {
            lifetime.release();
        }
    }

    /**
     * Frees this process's store connection (on the master, the server too) — now, or when a call
     * in flight on another thread returns. Idempotent.
     */
    @Override
    public void close() {
        lifetime.close();
    }
}
