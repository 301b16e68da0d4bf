// Placeholder until the module lands.
import ImageModel
