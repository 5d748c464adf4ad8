/**
 * sstop's public model and backend service-provider interfaces.
 *
 * <p>A backend is a jar that registers one or more providers in {@code META-INF/services}:
 * {@link org.sstop.api.SocketSourceProvider}, {@link org.sstop.api.ProcessMapperProvider},
 * {@link org.sstop.api.InterfaceSourceProvider}, {@link org.sstop.api.FlowCounterProvider} and
 * {@link org.sstop.api.TrafficCounterProvider}.
 * The engine picks, per service, the available provider with the highest priority; how the
 * engine calls a backend, from which threads, is said in {@link org.sstop.api.Backend}.
 *
 * <p><b>Bytes</b> everywhere mean transport payload: what the application sent and received,
 * IP and transport headers not counted. Interface counters are the exception and say so.
 */
package org.sstop.api;
