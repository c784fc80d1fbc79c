package org.torch4j.utils.data;

/**
 * An exception thrown by a dataset, sampler or collate function in a DataLoader worker thread,
 * rethrown on the thread that iterates the loader ({@code getCause()} is the original), as
 * PyTorch re-raises "Caught ... in DataLoader worker process N".
 */
public final class WorkerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WorkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
