package io.herald.admin.web;

/**
 * One entry of the navigation as the layout renders it.
 *
 * @param label what the link says
 * @param path where it goes
 * @param available whether the page exists yet
 * @param active whether it is the page being shown
 */
public record NavItem(String label, String path, boolean available, boolean active) {

}
