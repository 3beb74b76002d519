package org.calmdesk.events.internal.webhooks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * A DataSource whose connections can be held just before a commit: the first transaction that
 * prepares a statement starting with a given text stops in {@code commit()} until released, so a
 * test can run another transaction against its uncommitted work.
 */
final class PausingDataSource {

    /** One armed pause: the transaction to hold, reached when it is about to commit. */
    static final class Pause {
        private final String statementStart;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Pause(String statementStart) {
            this.statementStart = statementStart;
        }

        /** Waits until the transaction holds its uncommitted work and stands in {@code commit()}. */
        void awaitReached() throws InterruptedException {
            if (!reached.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("no transaction prepared \"" + statementStart + "...\" and committed");
            }
        }

        void release() {
            released.countDown();
        }
    }

    private final DataSource delegate;
    private volatile Pause armed;

    PausingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** Holds the next transaction that prepares a statement starting with {@code statementStart}. */
    Pause pauseCommitOf(String statementStart) {
        Pause pause = new Pause(statementStart);
        armed = pause;
        return pause;
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
            Object result = invoke(delegate, method, args);
            return result instanceof Connection connection ? connection(connection) : result;
        });
    }

    private Connection connection(Connection connection) {
        Pause[] mine = new Pause[1];
        InvocationHandler handler = (proxy, method, args) -> {
            Pause pause = armed;
            if (method.getName().equals("prepareStatement") && pause != null && args[0] instanceof String sql
                    && sql.startsWith(pause.statementStart)) {
                armed = null;
                mine[0] = pause;
            }
            if (method.getName().equals("commit") && mine[0] != null) {
                Pause held = mine[0];
                mine[0] = null;
                held.reached.countDown();
                if (!held.released.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("the paused commit was never released");
                }
            }
            return invoke(connection, method, args);
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class }, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
