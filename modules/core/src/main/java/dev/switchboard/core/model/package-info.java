/**
 * What is known about a model: its limits and capabilities, as listed by a provider or a catalog,
 * so routing can refuse a request a model cannot serve before any call is made.
 */
package dev.switchboard.core.model;
