package io.strategos.notifier.preference;

/**
 * What a user wants for one notification type.
 *
 * @param quietHours the window, kept when disabled so that re-enabling restores it; null when never set
 */
public record TypePreference(boolean enabled, DeliveryMethod deliveryMethod, boolean quietHoursEnabled, QuietHours quietHours) {

    public TypePreference {
        if (deliveryMethod == null) {
            throw new IllegalArgumentException("a delivery method is required");
        }
        if (quietHoursEnabled && quietHours == null) {
            throw new IllegalArgumentException("enabled quiet hours need a window");
        }
    }

    /** The window in force, or null. */
    public QuietHours activeQuietHours() {
        return quietHoursEnabled ? quietHours : null;
    }
}
