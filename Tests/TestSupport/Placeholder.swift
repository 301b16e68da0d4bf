// Placeholder until test support lands.
import ImageModel
