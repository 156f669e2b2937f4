package dev.hotline.sample.clinic;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** A few owners and pets to start with, stored before the server takes its first request. */
@Component
class ClinicData implements InitializingBean {
    private final OwnerRepository owners;
    private final PetRepository pets;

    ClinicData(OwnerRepository owners, PetRepository pets) {
        this.owners = owners;
        this.pets = pets;
    }

    @Override
    public void afterPropertiesSet() {
        Owner george = owners.save(new Owner("George Franklin", "Madison"));
        Owner betty = owners.save(new Owner("Betty Davis", "Sun Prairie"));
        pets.save(new Pet("Leo", "cat", george));
        pets.save(new Pet("Basil", "hamster", betty));
        pets.save(new Pet("Rosy", "dog", betty));
    }
}
